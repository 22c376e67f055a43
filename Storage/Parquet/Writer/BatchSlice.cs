using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>Rows [<see cref="Offset"/>, Offset + <see cref="Count"/>) of a batch: a row group is a list of these.</summary>
internal readonly record struct BatchSlice(RecordBatch Batch, int Offset, int Count);
