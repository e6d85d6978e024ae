package dev.flights.pay.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.domain.DepositKey;
import dev.flights.pay.domain.MovementType;
import dev.flights.pay.fixtures.PayUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DepositMoneyTest {

    private static final UserId EW = new UserId("ew");

    private final PayUnderTest pay = PayUnderTest.withDefaults();

    private DepositOutcome deposit(long amount, String key) {
        return pay.deposit.apply(new DepositCommand(EW, Money.of(amount),
                Optional.ofNullable(key).map(DepositKey::new)));
    }

    @Test
    void opensTheAccountOnTheFirstDepositAndAddsTheNextOnesToIt() {
        DepositOutcome first = deposit(150, null);
        DepositOutcome second = deposit(20, null);

        assertThat(first).isEqualTo(new DepositOutcome.Credited(EW, Money.of(150)));
        assertThat(second).isEqualTo(new DepositOutcome.Credited(EW, Money.of(170)));
        assertThat(pay.account("ew")).hasValueSatisfying(a -> assertThat(a.deposited()).isEqualTo(Money.of(170)));
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstResultAndCreditsNothingMore() {
        deposit(50, null);
        DepositOutcome first = deposit(100, "k-1");
        deposit(25, null);

        DepositOutcome retry = deposit(100, "k-1");

        assertThat(first).isEqualTo(new DepositOutcome.Credited(EW, Money.of(150)));
        assertThat(retry).isInstanceOfSatisfying(DepositOutcome.Repeated.class,
                repeated -> assertThat(repeated.first().balance()).isEqualTo(Money.of(150)));
        assertThat(pay.balanceOf("ew")).isEqualTo(175);
        assertThat(pay.statementOf("ew").movements()).hasSize(3);
    }

    @Test
    void theSameKeyWithAnotherAmountIsRefusedAndCreditsNothing() {
        deposit(100, "k-1");

        DepositOutcome reused = deposit(90, "k-1");

        assertThat(reused).isInstanceOfSatisfying(DepositOutcome.KeyReusedForAnotherAmount.class,
                r -> assertThat(r.first().amount()).isEqualTo(Money.of(100)));
        assertThat(pay.balanceOf("ew")).isEqualTo(100);
    }

    @Test
    void keysAreTheCustomersOwnSoAnotherCustomerMayUseTheSameOne() {
        deposit(100, "k-1");

        DepositOutcome other = pay.deposit.apply(new DepositCommand(new UserId("jo"), Money.of(30),
                Optional.of(new DepositKey("k-1"))));

        assertThat(other).isEqualTo(new DepositOutcome.Credited(new UserId("jo"), Money.of(30)));
    }

    @Test
    void concurrentRequestsWithOneKeyCreditOnceAndAllAnswerTheSame() throws Exception {
        deposit(10, null);

        List<DepositOutcome> outcomes = concurrently(16, () -> deposit(100, "same-key"));

        assertThat(pay.balanceOf("ew")).isEqualTo(110);
        assertThat(outcomes).filteredOn(DepositOutcome.Credited.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(DepositOutcome.Repeated.class::isInstance).hasSize(15)
                .allSatisfy(o -> assertThat(((DepositOutcome.Repeated) o).first().balance()).isEqualTo(Money.of(110)));
        assertThat(pay.statementOf("ew").movements()).extracting(m -> m.type())
                .containsExactly(MovementType.DEPOSIT, MovementType.DEPOSIT);
    }

    @Test
    void concurrentDepositsLoseNoMoney() throws Exception {
        concurrently(8, () -> {
            for (int i = 0; i < 25; i++) {
                pay.deposited("ew", 1);
            }
            return null;
        });

        assertThat(pay.balanceOf("ew")).isEqualTo(200);
        assertThat(pay.statementOf("ew").movements()).hasSize(200);
    }

    private static <T> List<T> concurrently(int count, Callable<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        try {
            for (int t = 0; t < count; t++) {
                running.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
