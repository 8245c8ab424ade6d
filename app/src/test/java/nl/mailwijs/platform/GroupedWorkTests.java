package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class GroupedWorkTests {

    /** Squares numbers in groups; refuses negative ones alone; a group holding 13 fails as a whole. */
    private static final class Squares {
        final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger alone = new AtomicInteger();

        List<GroupedWork.Result<Integer>> group(List<Integer> numbers) {
            if (numbers.contains(13)) {
                throw new IllegalStateException("the database refused the group");
            }
            groupSizes.add(numbers.size());
            List<GroupedWork.Result<Integer>> results = new ArrayList<>();
            for (int number : numbers) {
                results.add(number < 0 ? GroupedWork.Result.refused(new IllegalArgumentException("negative: " + number))
                        : GroupedWork.Result.of(number * number));
            }
            return results;
        }

        Integer one(Integer number) {
            alone.incrementAndGet();
            if (number < 0) {
                throw new IllegalArgumentException("negative: " + number);
            }
            return number * number;
        }

        GroupedWork<Integer, Integer> work(Duration gather) {
            return new GroupedWork<>("squares", 50, gather, Duration.ofSeconds(10), this::group, this::one);
        }
    }

    @Test
    void callersArrivingTogetherAreDoneInGroupsAndEachGetsItsOwnResult() throws Exception {
        Squares squares = new Squares();
        GroupedWork<Integer, Integer> work = squares.work(Duration.ofMillis(5));
        work.start();
        try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
            CountDownLatch ready = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int number = 100 + i;
                results.add(callers.submit(() -> {
                    ready.await();
                    return work.submit(number);
                }));
            }
            ready.countDown();
            for (int i = 0; i < 200; i++) {
                assertThat(results.get(i).get()).isEqualTo((100 + i) * (100 + i));
            }
        } finally {
            work.stop();
        }
        assertThat(squares.groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(squares.groupSizes).as("some callers shared a group").anyMatch(size -> size > 1).allMatch(size -> size <= 50);
        assertThat(squares.alone).hasValue(0);
    }

    @Test
    void anItemRefusedInItsGroupGetsItsOwnRefusalAndAGroupThatFailsIsDoneOneByOne() throws Exception {
        Squares squares = new Squares();
        GroupedWork<Integer, Integer> work = squares.work(Duration.ofMillis(20));
        work.start();
        try (ExecutorService callers = Executors.newFixedThreadPool(3)) {
            Future<Integer> thirteen = callers.submit(() -> work.submit(13));
            Future<Integer> negative = callers.submit(() -> work.submit(-2));
            Future<Integer> four = callers.submit(() -> work.submit(4));
            assertThat(thirteen.get()).isEqualTo(169);
            assertThat(four.get()).isEqualTo(16);
            assertThatThrownBy(negative::get).hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative: -2");
        } finally {
            work.stop();
        }
        assertThat(squares.alone.get()).as("13's group was redone one by one").isPositive();
    }

    @Test
    void whileNotRunningEachCallerDoesItsOwnItem() {
        Squares squares = new Squares();
        GroupedWork<Integer, Integer> work = squares.work(Duration.ZERO);
        assertThat(work.submit(7)).isEqualTo(49);
        assertThatThrownBy(() -> work.submit(-1)).isInstanceOf(IllegalArgumentException.class);
        work.start();
        work.stop();
        assertThat(work.isRunning()).isFalse();
        assertThat(work.submit(3)).isEqualTo(9);
        assertThat(squares.alone).hasValue(3);
        assertThat(squares.groupSizes).isEmpty();
    }
}
