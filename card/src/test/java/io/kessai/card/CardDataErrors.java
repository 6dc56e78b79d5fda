package io.kessai.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that bad input is refused with a CardDataException that says the right thing and leaks nothing. */
public final class CardDataErrors {
    private CardDataErrors() {}

    /**
     * Runs {@code call}, requires a CardDataException with exactly {@code message} and
     * {@code offset}, and requires that none of {@code secrets} appears in the message.
     */
    public static CardDataException assertRefused(ThrowingCallable call, String message, int offset,
            String... secrets) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(CardDataException.class).hasMessage(message);
        CardDataException error = (CardDataException) thrown;
        assertThat(error.offset()).as("offset of: " + message).isEqualTo(offset);
        for (String secret : secrets) {
            assertThat(error.getMessage()).doesNotContain(secret);
        }
        return error;
    }
}
