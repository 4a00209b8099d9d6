package vae.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRunnerTest {

    @Test
    void everyTaskRunsExactlyOnceOverManyCalls() {
        ParallelRunner runner = new ParallelRunner(3);
        for (int n : new int[] {0, 1, 2, 3, 7, 100}) {
            for (int call = 0; call < 200; call++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                runner.forEach(n, runs::incrementAndGet);
                for (int i = 0; i < n; i++) {
                    assertEquals(1, runs.get(i), "task " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void workersTakeTasksAlongsideTheCaller() throws InterruptedException {
        ParallelRunner runner = new ParallelRunner(2);
        // Two tasks that each wait for the other: they finish only if they run at the same time.
        for (int call = 0; call < 20; call++) {
            CountDownLatch both = new CountDownLatch(2);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            runner.forEach(2, i -> {
                threads.add(Thread.currentThread());
                both.countDown();
                try {
                    assertTrue(both.await(10, TimeUnit.SECONDS), "the other task never ran alongside");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, threads.size());
        }
    }

    @Test
    void aCallFromInsideATaskRunsInlineInsteadOfWaitingForItself() {
        ParallelRunner runner = new ParallelRunner(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
        runner.forEach(4, outer -> runner.forEach(5, inner -> runs.incrementAndGet(outer * 5 + inner)));
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i));
        }
    }

    @Test
    void aTaskFailureReachesTheCallerAfterTheOtherTasksFinish() {
        ParallelRunner runner = new ParallelRunner(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        IllegalArgumentException thrown = new IllegalArgumentException("task 3");
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, () -> runner.forEach(8, i -> {
            runs.incrementAndGet(i);
            if (i == 3) {
                throw thrown;
            }
        }));
        assertSame(thrown, caught);
        for (int i = 0; i < 8; i++) {
            assertEquals(1, runs.get(i));
        }
        // The runner still works afterwards.
        AtomicIntegerArray again = new AtomicIntegerArray(2);
        runner.forEach(2, again::incrementAndGet);
        assertEquals(1, again.get(0));
        assertEquals(1, again.get(1));
    }
}
