package io.andiag.model.lake;

/**
 * Writes the columns of one row of type {@code T} into a {@link RowSink}, by column index of the table's schema
 * (see {@link LakeSchemas}). Implementations are stateless; {@link LakeEncoders} has one per lake table.
 */
@FunctionalInterface
public interface RowEncoder<T> {
    void encode(T row, RowSink sink);
}
