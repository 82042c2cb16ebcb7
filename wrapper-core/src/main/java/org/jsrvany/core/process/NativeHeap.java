package org.jsrvany.core.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the native memory the wrapper's start used back to the system, once (Linux, glibc). The JVM's compiler
 * and class loading allocate arena chunks while the wrapper starts; the JVM frees them into the C library's heap
 * every five seconds (its chunk pool cleaner), where they stay resident, about 1.2 MB, because glibc keeps freed
 * memory for reuse. {@code malloc_trim} returns it, as Java 21's {@code -XX:TrimNativeHeapInterval} does
 * periodically (docs/performance.md, "Idle memory (part C)"). Nothing else changes: memory needed later is
 * allocated again.
 */
final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    /** After the first child started: past the JVM's next chunk pool cleaning (every 5 s) and the start's compiling. */
    static final long AFTER_START_MILLIS = 6_000;

    private NativeHeap() {
    }

    /** {@code malloc_trim(0)}; best effort: a C library without it (musl) or a failure only costs the memory. */
    static void trim() {
        try {
            int released = LibC.INSTANCE.malloc_trim(0);
            LOG.debug("Native heap trimmed after the start ({})", released == 1 ? "memory returned" : "nothing to return");
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("The native heap cannot be trimmed here: {}", e.toString());
        }
    }
}
