package org.debswarm.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;

/**
 * The class Jazzer runs: it calls the target named by {@code -Dfuzz.target} and makes one more kind of finding
 * out of each input, an allocation beyond the parsers' stated limits. The JVM's count of the bytes this thread
 * allocated is read before and after the call; more than {@code -Dfuzz.allocationMegabytes} (64: four times the
 * largest limit any parser states, bencode's 16 MiB) for one input of at most 64 KiB is a finding, even when
 * the garbage collector would have coped. An input over budget is run a second time and judged by that run:
 * the first run of a new code path also counts the loading and instrumenting of its classes. An exception of the
 * target passes through unchanged.
 */
public final class AllocationBudget {

    private static final long BUDGET = Long.getLong("fuzz.allocationMegabytes", 64) << 20;
    private static final MethodHandle TARGET = target(System.getProperty("fuzz.target"));
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBudget() {
    }

    private static MethodHandle target(String name) {
        if (name == null) {
            throw new IllegalStateException("no -Dfuzz.target=<class with fuzzerTestOneInput(byte[])>");
        }
        try {
            return MethodHandles.publicLookup().findStatic(Class.forName(name), "fuzzerTestOneInput",
                    MethodType.methodType(void.class, byte[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fuzz target " + name + ": " + e, e);
        }
    }

    public static void fuzzerTestOneInput(byte[] input) throws Throwable {
        if (allocatedBy(input) > BUDGET) {
            long allocated = allocatedBy(input);
            if (allocated > BUDGET) {
                throw new IllegalStateException("allocated " + allocated + " bytes for an input of " + input.length
                        + " bytes (expected: <= " + BUDGET + ")");
            }
        }
    }

    private static long allocatedBy(byte[] input) throws Throwable {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        TARGET.invokeExact(input);
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }
}
