package org.jsrvany.core.security;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The security calls jsrvany needs, and nothing else: read an object's owner and DACL, give one of its
 * folders its owner and DACL, look up accounts. Windows implements it with the Win32 calls
 * ({@code win32.security}); tests use a fake; on other systems there is none.
 */
public interface AccessControl {

    /** What reading an object's security gave. */
    sealed interface Reading {
        /** The owner and DACL. */
        record Found(Descriptor descriptor) implements Reading {
        }

        /** There is no such file, folder or key. */
        record Missing() implements Reading {
        }

        /** It exists but its security cannot be read; {@code why} names the call and its error. */
        record Unreadable(String why) implements Reading {
        }
    }

    /** The owner and DACL of a file or folder (a link itself, not what it points to). */
    Reading file(String path);

    /** The owner and DACL of a key below {@code HKEY_LOCAL_MACHINE} ({@code SYSTEM\CurrentControlSet\Services\x}). */
    Reading registryKey(String keyBelowLocalMachine);

    /**
     * Gives the folder {@code dir} (never what a link there points to) the owner and the DACL of
     * {@code wanted}, the DACL protected when {@code wanted} says so.
     *
     * @throws UnsafeFolderException when it is a link, or the change is refused; the message says what to do
     */
    void secureFolder(Path dir, Descriptor wanted) throws UnsafeFolderException;

    /** The SID of the account this process runs as. */
    String currentUser();

    /**
     * The SID of a service account (ObjectName): well-known and virtual accounts from their name
     * ({@link Sids#ofServiceAccount}), others looked up.
     *
     * @throws IllegalArgumentException naming the account when it does not exist
     */
    String accountSid(String objectName);

    /** An account's SID when the name alone tells it, else a lookup through {@code access}. */
    static String sidOf(String objectName, Optional<AccessControl> access) {
        return Sids.ofServiceAccount(objectName).orElseGet(() -> access.orElseThrow(() ->
                new IllegalArgumentException("the account '" + objectName + "' can only be looked up on Windows"))
                .accountSid(objectName));
    }
}
