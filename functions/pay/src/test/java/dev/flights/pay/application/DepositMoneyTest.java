package dev.flights.pay.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.domain.Account;
import dev.flights.pay.fixtures.PayUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DepositMoneyTest {

    private final PayUnderTest pay = PayUnderTest.withDefaults();

    @Test
    void opensTheAccountOnTheFirstDepositAndAddsTheNextOnesToIt() {
        Account first = pay.deposit.apply(new DepositCommand(new UserId("ew"), Money.of(150)));
        Account second = pay.deposit.apply(new DepositCommand(new UserId("ew"), Money.of(20)));

        assertThat(first.balance()).isEqualTo(Money.of(150));
        assertThat(second.balance()).isEqualTo(Money.of(170));
        assertThat(pay.account("ew")).hasValueSatisfying(a -> assertThat(a.deposited()).isEqualTo(Money.of(170)));
    }

    @Test
    void concurrentDepositsLoseNoMoney() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                running.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        pay.deposited("ew", 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(pay.balanceOf("ew")).isEqualTo(200);
    }
}
