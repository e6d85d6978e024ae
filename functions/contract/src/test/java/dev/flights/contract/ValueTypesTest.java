package dev.flights.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @Test
    void moneyCanBeZeroOrPositive() {
        assertThat(Money.of(0)).isEqualTo(Money.ZERO);
        assertThat(Money.of(150).amount()).isEqualTo(150);
    }

    @Test
    void moneyCannotBeNegative() {
        assertThatThrownBy(() -> Money.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void moneyAddsAndSubtracts() {
        assertThat(Money.of(100).plus(Money.of(50))).isEqualTo(Money.of(150));
        assertThat(Money.of(150).minus(Money.of(100))).isEqualTo(Money.of(50));
        assertThat(Money.of(100).minus(Money.of(100))).isEqualTo(Money.ZERO);
    }

    @Test
    void subtractingMoreThanThereIsFailsInsteadOfGoingNegative() {
        assertThatThrownBy(() -> Money.of(50).minus(Money.of(100))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addingPastTheLargestAmountFailsInsteadOfOverflowing() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE).plus(Money.of(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void moneyComparesByAmount() {
        assertThat(Money.of(99).isLessThan(Money.of(100))).isTrue();
        assertThat(Money.of(100).isLessThan(Money.of(100))).isFalse();
        assertThat(Money.of(101).compareTo(Money.of(100))).isPositive();
        assertThat(Money.of(100).compareTo(Money.of(100))).isZero();
        assertThat(Money.of(100)).hasToString("100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice.Smith_2-x", "0123456789"})
    void aUserIdOfLettersDigitsDotsUnderscoresAndDashesIsValid(String value) {
        assertThat(UserId.isValid(value)).isTrue();
        assertThat(new UserId(value).value()).isEqualTo(value);
        assertThat(new UserId(value)).hasToString(value);
    }

    @Test
    void aUserIdMayHaveSixtyFourCharactersButNotSixtyFive() {
        assertThat(UserId.isValid("u".repeat(64))).isTrue();
        assertThat(UserId.isValid("u".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "alice smith", "alice/1", "al\u00efce", "a@b", "alice\n"})
    void anyOtherUserIdIsRejectedWithItsRule(String value) {
        assertThat(UserId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new UserId(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(UserId.RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KE", "KE123", "lh-400", "ABCDEFGHIJKLMNOP"})
    void aFlightIdOfTwoToSixteenLettersDigitsOrDashesIsValid(String value) {
        assertThat(FlightId.isValid(value)).isTrue();
        assertThat(new FlightId(value)).hasToString(value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"K", "ABCDEFGHIJKLMNOPQ", "KE 123", "KE_123", "KE.123", "KE123\n"})
    void anyOtherFlightIdIsRejectedWithItsRule(String value) {
        assertThat(FlightId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new FlightId(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FlightId.RULE);
    }
}
