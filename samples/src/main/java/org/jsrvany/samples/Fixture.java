package org.jsrvany.samples;

/** Placeholder; the fixture child program is being written. */
public final class Fixture {
    private Fixture() {
    }

    public static void main(String[] args) {
        System.out.println("fixture");
    }
}
