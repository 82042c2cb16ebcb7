package org.jsrvany.installer;

import java.util.Arrays;
import java.util.Optional;

/** The service key's own values that get/set/reset handle besides the Parameters (NSSM's get/set names). */
enum ServiceKeyValue {
    DISPLAY_NAME("DisplayName", true),
    DESCRIPTION("Description", true),
    START("Start", true),
    DEPEND_ON_SERVICE("DependOnService", true),
    OBJECT_NAME("ObjectName", false),
    IMAGE_PATH("ImagePath", false);

    private final String registryName;
    private final boolean settable;

    ServiceKeyValue(String registryName, boolean settable) {
        this.registryName = registryName;
        this.settable = settable;
    }

    String registryName() {
        return registryName;
    }

    boolean settable() {
        return settable;
    }

    static Optional<ServiceKeyValue> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.registryName.equalsIgnoreCase(name)).findFirst();
    }
}
