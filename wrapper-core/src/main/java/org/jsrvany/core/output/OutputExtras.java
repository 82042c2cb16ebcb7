package org.jsrvany.core.output;

import java.nio.charset.Charset;

/**
 * NSSM's copy-and-truncate rotation and jsrvany's output code page: the output settings added for NSSM
 * parity (issue 15), kept apart from {@link OutputSettings}'s original components.
 *
 * @param stdoutCopyAndTruncate [AppStdoutCopyAndTruncate] rotate the stdout file by copying it to the
 *                              rotated name and then emptying it, instead of renaming it; a combined
 *                              file follows this one
 * @param stderrCopyAndTruncate [AppStderrCopyAndTruncate] the same for a separate stderr file
 * @param decodeFrom            [AppOutputCodePage] the charset the program's output is decoded from,
 *                              written as UTF-8; {@code null} = the bytes pass unchanged
 */
public record OutputExtras(boolean stdoutCopyAndTruncate, boolean stderrCopyAndTruncate, Charset decodeFrom) {

    /** NSSM's defaults: rotate by renaming, bytes unchanged. */
    public static final OutputExtras NONE = new OutputExtras(false, false, null);
}
