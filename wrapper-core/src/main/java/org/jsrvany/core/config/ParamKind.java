package org.jsrvany.core.config;

/** How a parameter is stored: the registry value type it has under {@code Parameters}. */
public enum ParamKind {
    /** REG_SZ: a string used as it is. */
    STRING("REG_SZ"),
    /** REG_EXPAND_SZ: a string whose {@code %VAR%} references are expanded when it is stored as REG_EXPAND_SZ. */
    EXPAND_STRING("REG_EXPAND_SZ"),
    /** REG_MULTI_SZ: a list of strings. */
    MULTI_STRING("REG_MULTI_SZ"),
    /** REG_DWORD: an unsigned 32-bit number. */
    DWORD("REG_DWORD"),
    /** A subkey of {@code Parameters} holding REG_SZ values (only {@code AppExit}). */
    SUBKEY("subkey");

    private final String registryType;

    ParamKind(String registryType) {
        this.registryType = registryType;
    }

    /** The registry type's name as regedit shows it. */
    public String registryType() {
        return registryType;
    }
}
