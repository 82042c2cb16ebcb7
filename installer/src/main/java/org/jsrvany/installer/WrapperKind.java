package org.jsrvany.installer;

/** Which wrapper a service's ImagePath runs, as far as its ImagePath tells. */
enum WrapperKind {
    JSRVANY("jsrvany"), SRVANY("srvany"), SRVANY_NG("srvany-ng"), NSSM("nssm"), OTHER("other");

    private final String word;

    WrapperKind(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    /** The wrappers {@code adopt} can take over (their Parameters use the same names). */
    boolean adoptable() {
        return this == SRVANY || this == SRVANY_NG || this == NSSM;
    }
}
