package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CgroupPathsTest {
    private static final String HYBRID = String.join("\n",
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    private static final String PURE_V2 = String.join("\n",
            "22 1 0:21 / /proc rw,nosuid - proc proc rw",
            "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate");
    /** A container without a cgroup namespace: the host's cgroup of the container is bind-mounted. */
    private static final String CONTAINER = "612 600 0:26 /system.slice/docker-ab.scope /sys/fs/cgroup ro,nosuid"
            + " master:9 - cgroup2 cgroup2 rw";
    private static final String SPACED = "41 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 none rw";
    private static final String V1_ONLY = "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory";

    static Stream<Arguments> directories() {
        return Stream.of(
                // mountinfo, /proc/self/cgroup, expected directory
                Arguments.of(HYBRID, "4:memory:/x\n0::/\n", "/sys/fs/cgroup/unified"),
                Arguments.of(HYBRID, "0::/user.slice/session-3.scope\n", "/sys/fs/cgroup/unified/user.slice/session-3.scope"),
                Arguments.of(PURE_V2, "0::/system.slice/app.service\n", "/sys/fs/cgroup/system.slice/app.service"),
                Arguments.of(CONTAINER, "0::/system.slice/docker-ab.scope\n", "/sys/fs/cgroup"),
                Arguments.of(CONTAINER, "0::/system.slice/docker-ab.scope/inner\n", "/sys/fs/cgroup/inner"),
                Arguments.of(CONTAINER, "0::/system.slice/docker-abc.scope\n", null),
                Arguments.of(SPACED, "0::/a\n", "/mnt/my cgroups/a"),
                Arguments.of(V1_ONLY, "4:memory:/x\n", null),
                Arguments.of(HYBRID, "4:memory:/x\n", null),
                Arguments.of(HYBRID, "0::/gone (deleted)\n", null),
                Arguments.of(PURE_V2, "0::/../outside\n", null));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("directories")
    void findsTheOwnCgroupDirectoryWithoutAssumingAPath(String mountinfo, String cgroup, String expected) {
        assertThat(CgroupPaths.ownDirectory(mountinfo, cgroup)).isEqualTo(Optional.ofNullable(expected).map(Path::of));
    }

    @Test
    void runNamesCarryTheOwnerAndASafeServiceName() {
        assertThat(CgroupPaths.runName("4026531836", 123, "7", "web app/é")).isEqualTo("jsrvany-4026531836-123-7-web_app__");
        assertThat(CgroupPaths.runName("1", 5, "probe", "")).isEqualTo("jsrvany-1-5-probe");
        assertThat(CgroupPaths.runName("1", 5, "1", "x".repeat(100))).hasSize("jsrvany-1-5-1-".length() + 40);
    }

    static Stream<Arguments> owners() {
        return Stream.of(
                Arguments.of("jsrvany-4026531836-123-7-web", "4026531836", OptionalLong.of(123)),
                Arguments.of("jsrvany-4026531836-123-probe", "4026531836", OptionalLong.of(123)),
                Arguments.of("jsrvany-4026531836-123-7-web", "4026532000", OptionalLong.empty()),
                Arguments.of("jsrvany-4026531836-x-7", "4026531836", OptionalLong.empty()),
                Arguments.of("jsrvany-4026531836-123", "4026531836", OptionalLong.empty()),
                Arguments.of("jsrvany-4026531836--7", "4026531836", OptionalLong.empty()),
                Arguments.of("other-4026531836-123-7", "4026531836", OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0} in pid namespace {1} -> {2}")
    @MethodSource("owners")
    void aStaleCgroupIsKnownByItsOwnerInTheSamePidNamespace(String name, String ns, OptionalLong owner) {
        assertThat(CgroupPaths.owner(name, ns)).isEqualTo(owner);
    }

    @Test
    void namespaceIdsComeFromTheLink() {
        assertThat(CgroupPaths.namespaceId("pid:[4026531836]")).isEqualTo("4026531836");
        assertThat(CgroupPaths.namespaceId("garbage")).isEqualTo("0");
        assertThat(CgroupPaths.namespaceId("pid:[12a]")).isEqualTo("0");
    }
}
