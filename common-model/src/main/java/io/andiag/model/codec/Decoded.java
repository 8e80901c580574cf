package io.andiag.model.codec;

import java.util.Objects;
import java.util.function.Function;

/** The outcome of decoding one input record: a value, or the reason it was refused. Never both, never neither. */
public sealed interface Decoded<T> {

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> rejected(RejectReason reason, String detail) {
        return new Rejected<>(new Rejection(reason, detail));
    }

    boolean isOk();

    /** The value; throws {@link IllegalStateException} carrying the rejection when there is none. */
    T value();

    /** The rejection; throws {@link IllegalStateException} when the record was accepted. */
    Rejection rejection();

    <R> Decoded<R> map(Function<? super T, ? extends R> f);

    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public Rejection rejection() {
            throw new IllegalStateException("record was accepted");
        }

        @Override
        public <R> Decoded<R> map(Function<? super T, ? extends R> f) {
            return new Ok<>(f.apply(value));
        }
    }

    record Rejected<T>(Rejection rejection) implements Decoded<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("record was rejected: " + rejection);
        }

        @Override
        public <R> Decoded<R> map(Function<? super T, ? extends R> f) {
            return new Rejected<>(rejection);
        }
    }
}
