package org.jsrvany.core.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SID of a service's virtual account {@code NT SERVICE\<name>} (also its service SID): {@code S-1-5-80-}
 * followed by the SHA-1 of the upper-case service name in UTF-16LE, read as five little-endian 32-bit
 * numbers. Windows derives it from the name alone, so it is known before the service exists (what
 * {@code sc showsid NAME} prints); the test checks it against SIDs Windows publishes.
 */
public final class VirtualAccount {
    private VirtualAccount() {
    }

    public static String sid(String serviceName) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-1")
                    .digest(upcase(serviceName).getBytes(StandardCharsets.UTF_16LE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        ByteBuffer b = ByteBuffer.wrap(hash).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sid = new StringBuilder("S-1-5-80");
        for (int i = 0; i < 5; i++) {
            sid.append('-').append(Integer.toUnsignedString(b.getInt()));
        }
        return sid.toString();
    }

    /** Character by character, as Windows upcases names: no character becomes two ({@code ß} stays). */
    static String upcase(String name) {
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return new String(c);
    }
}
