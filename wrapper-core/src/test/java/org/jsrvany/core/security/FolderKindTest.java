package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderKindTest {

    @Test
    void reparsePointsAreRefusedWhateverJavaCallsThem() {
        int directory = 0x10;
        assertThat(FolderKind.classify(false, true, false, directory)).isEqualTo(FolderKind.DIRECTORY);
        assertThat(FolderKind.classify(false, true, false, null)).isEqualTo(FolderKind.DIRECTORY);
        // A junction: Java on Windows says directory + other; the raw attributes carry the reparse flag.
        assertThat(FolderKind.classify(false, true, true, directory | 0x400)).isEqualTo(FolderKind.REPARSE_POINT);
        assertThat(FolderKind.classify(false, true, true, null)).isEqualTo(FolderKind.REPARSE_POINT);
        // Only the attribute says so (e.g. a reparse tag Java does not decode).
        assertThat(FolderKind.classify(false, true, false, directory | 0x400)).isEqualTo(FolderKind.REPARSE_POINT);
        // A directory symbolic link.
        assertThat(FolderKind.classify(true, false, false, directory | 0x400)).isEqualTo(FolderKind.REPARSE_POINT);
        assertThat(FolderKind.classify(true, false, false, null)).isEqualTo(FolderKind.REPARSE_POINT);
        assertThat(FolderKind.classify(false, false, false, 0x20)).isEqualTo(FolderKind.NOT_A_DIRECTORY);
    }

    @Test
    void linksAreNotFollowed(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        assertThat(FolderKind.of(dir)).isEqualTo(FolderKind.DIRECTORY);
        assertThat(FolderKind.of(Files.createSymbolicLink(tmp.resolve("link"), dir))).isEqualTo(FolderKind.REPARSE_POINT);
        assertThat(FolderKind.of(Files.writeString(tmp.resolve("file"), "x"))).isEqualTo(FolderKind.NOT_A_DIRECTORY);
        assertThat(FolderKind.of(tmp.resolve("none"))).isEqualTo(FolderKind.MISSING);
    }
}
