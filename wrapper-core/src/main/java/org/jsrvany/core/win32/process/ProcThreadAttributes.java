package org.jsrvany.core.win32.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.win32.Win32CallException;

/**
 * A {@code PROC_THREAD_ATTRIBUTE_LIST} for one {@code CreateProcessW} with
 * {@code EXTENDED_STARTUPINFO_PRESENT}: {@code InitializeProcThreadAttributeList} (asked for its size
 * first), one {@code UpdateProcThreadAttribute} per attribute, {@code DeleteProcThreadAttributeList} on
 * {@link #close()}. The values stay in memory this object owns until then, as Microsoft requires.
 *
 * <ul>
 *   <li>{@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST}: the only handles the child inherits (with
 *       {@code bInheritHandles} TRUE, without the list it would inherit every inheritable handle of the
 *       wrapper). Each must be inheritable, none a pseudo handle, none twice.</li>
 *   <li>{@code PROC_THREAD_ATTRIBUTE_GROUP_AFFINITY}, when asked: the processor group (and the CPUs in
 *       it) of the child's first thread, so the process starts in that group.</li>
 * </ul>
 */
final class ProcThreadAttributes implements AutoCloseable {
    private final Memory list;
    private final List<Memory> values;
    private boolean deleted;

    private ProcThreadAttributes(Memory list, List<Memory> values) {
        this.list = list;
        this.values = values;
    }

    /**
     * The attribute list: {@code inherited} as the handle list, and the group affinity when present.
     *
     * @throws Win32CallException naming the call that failed
     */
    static ProcThreadAttributes of(List<HANDLE> inherited, Optional<Affinity.Placement> groupAffinity) {
        List<Pointer> handles = handleList(inherited.stream().map(HANDLE::getPointer).toList());
        int count = groupAffinity.isPresent() ? 2 : 1;
        Kernel32Ex k32 = Kernel32Ex.instance();
        ULONG_PTRByReference size = new ULONG_PTRByReference();
        if (!k32.InitializeProcThreadAttributeList(null, count, 0, size)) {
            int error = Native.getLastError();
            if (error != Kernel32Ex.ERROR_INSUFFICIENT_BUFFER) {
                throw Win32CallException.of("InitializeProcThreadAttributeList(size of " + count + ")", error);
            }
        }
        Memory list = new Memory(Math.max(1, size.getValue().longValue()));
        list.clear();
        if (!k32.InitializeProcThreadAttributeList(list, count, 0, size)) {
            Win32CallException e = Win32CallException.lastError("InitializeProcThreadAttributeList(" + count + ")");
            list.close();
            throw e;
        }
        List<Memory> values = new ArrayList<>();
        ProcThreadAttributes attributes = new ProcThreadAttributes(list, values);
        try {
            Memory handleArray = new Memory((long) handles.size() * Native.POINTER_SIZE);
            for (int i = 0; i < handles.size(); i++) {
                handleArray.setPointer((long) i * Native.POINTER_SIZE, handles.get(i));
            }
            values.add(handleArray);
            attributes.update(Kernel32Ex.PROC_THREAD_ATTRIBUTE_HANDLE_LIST, handleArray, "HANDLE_LIST");
            if (groupAffinity.isPresent()) {
                Kernel32Ex.GROUP_AFFINITY affinity = new Kernel32Ex.GROUP_AFFINITY();
                affinity.Mask = new ULONG_PTR(groupAffinity.get().mask());
                affinity.Group = (short) groupAffinity.get().group();
                affinity.write();
                Memory value = new Memory(affinity.size());
                value.write(0, affinity.getPointer().getByteArray(0, affinity.size()), 0, affinity.size());
                values.add(value);
                attributes.update(Kernel32Ex.PROC_THREAD_ATTRIBUTE_GROUP_AFFINITY, value, "GROUP_AFFINITY");
            }
            return attributes;
        } catch (RuntimeException e) {
            attributes.close();
            throw e;
        }
    }

    /** The handles in the list's order, each once (a duplicate makes CreateProcessW fail); nulls dropped. Pure. */
    static List<Pointer> handleList(List<Pointer> handles) {
        LinkedHashSet<Pointer> unique = new LinkedHashSet<>();
        for (Pointer h : handles) {
            if (h != null) {
                unique.add(h);
            }
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("no handle for the child to inherit");
        }
        return List.copyOf(unique);
    }

    private void update(long attribute, Memory value, String name) {
        if (!Kernel32Ex.instance().UpdateProcThreadAttribute(list, 0, new ULONG_PTR(attribute), value,
                new SIZE_T(value.size()), null, null)) {
            throw Win32CallException.lastError("UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_" + name + ")");
        }
    }

    /** What {@code STARTUPINFOEX.lpAttributeList} points to. */
    Pointer list() {
        return list;
    }

    /** {@code DeleteProcThreadAttributeList}, then the memory goes. Idempotent. */
    @Override
    public void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        Kernel32Ex.instance().DeleteProcThreadAttributeList(list);
        list.close();
        values.forEach(Memory::close);
    }
}
