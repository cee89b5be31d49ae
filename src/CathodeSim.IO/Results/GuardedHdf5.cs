using PureHDF;
using PureHDF.VOL.Native;

namespace CathodeSim.IO.Results;

/// <summary>
/// HDF5 files opened for reading such that a damaged file is refused instead of crashing or hanging the process. PureHDF
/// trusts the sizes, counts and addresses it finds in the file: one changed byte can make it ask for an array of
/// billions of elements, read the same block forever or read far past the end. Every reader of CathodeSim's HDF5 files
/// (run results, sweep journals, sweep files) opens them here and reads datasets through <see cref="ReadArray{T}"/>.
/// </summary>
/// <remarks>
/// Three guards: the file is read through <see cref="BoundedStream"/>, which refuses reads past the end of the file
/// and stops after a total of <see cref="ReadBudgetFactor"/> times the file's size (a loop over corrupt links reads the
/// same blocks again and again); dataset shapes are checked against the file's size and <see cref="MaxElements"/>
/// before PureHDF allocates the result; and <see cref="IsDamage"/> tells the exceptions of a damaged file (PureHDF's
/// format errors, the bounded stream's refusals, a single oversized allocation that the runtime refused) from the
/// caller's own.
/// </remarks>
internal sealed class GuardedHdf5 : IDisposable
{
    /// <summary>A file may be read this many times over, in total, before reading stops as a loop.</summary>
    public const int ReadBudgetFactor = 64;

    /// <summary>Largest dataset read, in elements (2 GiB of doubles): beyond any run or sweep CathodeSim writes.</summary>
    public const long MaxElements = 1L << 28;

    private GuardedHdf5(NativeFile file, long length)
    {
        File = file;
        Length = length;
    }

    /// <summary>The open file.</summary>
    public NativeFile File { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <exception cref="InvalidDataException">The file is not HDF5 or its superblock is damaged.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static GuardedHdf5 Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        try
        {
            var bounded = new BoundedStream(stream);
            // leaveOpen false: disposing the file disposes the bounded stream, which disposes the file stream.
            return new GuardedHdf5(H5File.Open(bounded, leaveOpen: false), stream.Length);
        }
        catch (Exception e) when (IsDamage(e))
        {
            stream.Dispose();
            throw new InvalidDataException(Describe(e), e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads dataset <paramref name="dataset"/> as a one-dimensional array after checking that its declared size fits
    /// the file: an uncompressed dataset cannot hold more bytes than the file has, and none may exceed
    /// <see cref="MaxElements"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The declared shape does not fit the file.</exception>
    public T[] ReadArray<T>(IH5Dataset dataset, string name)
    {
        var dims = dataset.Space.Dimensions;
        if (dims.Length > 1 && dims.Skip(1).Any(d => d != 1))
            throw new InvalidDataException($"{name} has shape [{string.Join(", ", dims)}]; expected one dimension");
        ulong count = dims.Length == 0 ? 1 : dims[0];
        ulong size = Math.Max(1UL, (ulong)dataset.Type.Size);
        // Chunked datasets may be compressed: allow them the read budget rather than the file's size.
        ulong limit = dataset.Layout.Class == H5DataLayoutClass.Chunked ? (ulong)Length * ReadBudgetFactor : (ulong)Length;
        if (count > (ulong)MaxElements || count * size > limit)
            throw new InvalidDataException(
                $"{name} declares {count} elements of {size} bytes, more than the file's {Length} bytes can hold (damaged file)");
        return dataset.Read<T[]>();
    }

    /// <summary>
    /// Whether <paramref name="e"/> comes from a damaged file rather than from a defect of the caller: PureHDF signals
    /// malformed structures with plain <see cref="Exception"/>, <see cref="FormatException"/>, <see cref="NotSupportedException"/>,
    /// argument and index errors from sizes it decoded, and an <see cref="OutOfMemoryException"/> when it asks for an
    /// array larger than the runtime supports. The last is safe to catch: the one allocation failed, nothing else did.
    /// </summary>
    public static bool IsDamage(Exception e) => e is not (OperationCanceledException or ThreadInterruptedException or StackOverflowException);

    /// <summary>The message of a damaged-file exception, without PureHDF's internal wording where it says nothing.</summary>
    public static string Describe(Exception e) => e switch
    {
        OutOfMemoryException => "a size field asks for more memory than any valid file needs (damaged file)",
        InvalidDataException => e.Message,
        _ => $"damaged HDF5 structure: {e.Message}",
    };

    /// <inheritdoc />
    public void Dispose() => File.Dispose();

    /// <summary>
    /// A read-only view of a file that refuses reads past its end (PureHDF would otherwise read zeros or loop on short
    /// reads) and stops after reading <see cref="ReadBudgetFactor"/> times the file in total, which ends the loops
    /// that corrupt B-tree or heap links make.
    /// </summary>
    private sealed class BoundedStream(Stream inner) : Stream
    {
        private readonly long _length = inner.Length;
        private readonly long _budget = inner.Length * ReadBudgetFactor + (16L << 20);
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value >= 0 ? value : throw new InvalidDataException($"negative file offset {value} (damaged file)");
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            long position = inner.Position;
            if (buffer.Length > 0 && position + buffer.Length > _length)
                throw new InvalidDataException(
                    $"a structure at byte offset {position} of {buffer.Length} bytes reaches past the end of the file at {_length} (damaged or truncated file)");
            _read += buffer.Length;
            if (_read > _budget)
                throw new InvalidDataException(
                    $"reading stopped after {_read} bytes, {ReadBudgetFactor} times the file's size: its links loop (damaged file)");
            int total = 0;
            while (total < buffer.Length)
            {
                int n = inner.Read(buffer[total..]);
                if (n == 0) throw new InvalidDataException($"the file ended at byte offset {position + total} while reading (truncated file)");
                total += n;
            }
            return total;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            long target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => inner.Position + offset,
                _ => _length + offset,
            };
            if (target < 0) throw new InvalidDataException($"negative file offset {target} (damaged file)");
            return inner.Seek(target, SeekOrigin.Begin);
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
