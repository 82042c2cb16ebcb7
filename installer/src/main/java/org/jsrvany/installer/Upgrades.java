package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/**
 * What {@code upgrade} does with one jsrvany service: a pure decision with a table test.
 *
 * <p>A service is re-pointed at this copy of jsrvany when its ImagePath differs from the one this
 * copy writes: it runs another copy's launcher (an older version unzipped elsewhere), its
 * {@code java.exe} is gone (a Java update removed the folder), or its JVM options are an older
 * version's (jna.tmpdir instead of jna.boot.library.path). The service keeps its own Java while that
 * exists and is not the other copy's bundled runtime; otherwise it gets this copy's default Java.
 */
final class Upgrades {
    private Upgrades() {
    }

    /**
     * This copy of jsrvany.
     *
     * @param launcher its {@code jsrvany-launcher.jar}
     * @param java     the java.exe its services run by default (its bundled runtime, or the Java running it)
     */
    record Here(String launcher, String java) {
    }

    /** The verdict for one service. */
    sealed interface Verdict {
        /** Its ImagePath is the one this copy writes. */
        record UpToDate() implements Verdict {
        }

        /** Its ImagePath becomes {@code imagePath}, for these reasons (sentences without a full stop). */
        record Repoint(String java, String imagePath, List<String> reasons) implements Verdict {
            public Repoint {
                reasons = List.copyOf(reasons);
            }
        }
    }

    /**
     * The verdict for the jsrvany service whose ImagePath is {@code imagePath}.
     *
     * @param javaOverride {@code --java}: the java.exe every re-pointed service runs
     * @param exists       whether a file exists
     * @param imagePathFor the ImagePath this copy writes for a java.exe and a launcher jar
     */
    static Verdict decide(String imagePath, Here here, Optional<String> javaOverride, Predicate<String> exists,
                          BinaryOperator<String> imagePathFor) {
        String java = ImagePath.parse(imagePath).program();
        Optional<String> launcher = ImagePath.launcherJar(imagePath);
        boolean otherCopy = launcher.map(l -> !Distribution.samePath(l, here.launcher())).orElse(true);
        boolean javaOfOtherCopy = otherCopy && launcher.map(l -> Distribution.isInside(java, Distribution.root(l)))
                .orElse(false);
        boolean javaGone = !exists.test(java);
        String newJava = javaOverride.orElse(javaOfOtherCopy || javaGone ? here.java() : java);
        String wanted = imagePathFor.apply(newJava, here.launcher());
        if (wanted.equals(imagePath)) {
            return new Verdict.UpToDate();
        }
        List<String> reasons = new ArrayList<>();
        if (otherCopy) {
            reasons.add("runs another copy of jsrvany (" + launcher.orElse(imagePath) + ")");
        }
        boolean javaChanges = !Distribution.samePath(java, newJava);
        if (javaChanges && javaOverride.isPresent()) {
            reasons.add("--java: runs " + newJava + " instead of " + java);
        } else if (javaChanges && javaGone) {
            reasons.add("its java.exe " + java + " no longer exists: runs " + newJava);
        } else if (javaChanges) {
            reasons.add("its Java was that copy's bundled runtime: runs " + newJava);
        }
        if (reasons.isEmpty()) {
            reasons.add("its ImagePath is an older version's (" + imagePath + ")");
        }
        return new Verdict.Repoint(newJava, wanted, reasons);
    }
}
