using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CathodeSim.Fuzz;

/// <summary>
/// Seeded structure-unaware mutations of a corpus file: byte-level ones for every reader (bit flips, interesting
/// values, length-like integers, truncation, extension, chunk duplication and deletion, splices) and, for text readers,
/// line- and field-level ones (huge numbers, NaN, empty fields, extra delimiters, UTF-16 and BOMs). Deterministic for a
/// given <see cref="Random"/> so that a seed reproduces a whole run.
/// </summary>
public static class Mutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE, 0x20, 0x0A, 0x0D, 0x09, 0x2C, 0x3B, 0x22];

    // Sizes and counts that readers multiply, allocate or loop on: the edges of every integer width.
    private static readonly ulong[] InterestingIntegers =
    [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFE, 0x40000000, 1000000,
    ];

    private static readonly string[] InterestingFields =
    [
        "", "NaN", "nan", "Infinity", "-Infinity", "inf", "1e308", "1e309", "-1e309", "4.9e-324", "0", "-0", "1,5", "1.5.5",
        "99999999999999999999999999999999999999", "2147483648", "-2147483649", "0x10", "\"", "\"\"", " ", "\t", ";", ",",
        "1e-400", "--1", "+", "E", "1E", "∞", "\0", "ZCURVE\tTABLE", "CURVE\tTABLE", "End Comments", "Freq/Hz,", "</Segment1>",
        "Definition=", "Nb header lines : 99999", "Nb header lines : -3", "Nb header lines : 2147483647",
    ];

    /// <summary>One mutated copy of <paramref name="input"/>: one to four stacked mutations.</summary>
    /// <param name="input">The corpus file.</param>
    /// <param name="random">The seeded source of choices.</param>
    /// <param name="text">Whether line- and field-level mutations apply as well.</param>
    /// <param name="corpus">The whole corpus of the reader, for splices.</param>
    public static byte[] Mutate(byte[] input, Random random, bool text, IReadOnlyList<byte[]> corpus)
    {
        var bytes = new List<byte>(input);
        int count = 1 + random.Next(4);
        for (int k = 0; k < count; k++)
        {
            if (text && random.Next(2) == 0) bytes = [.. MutateText([.. bytes], random)];
            else MutateBytes(bytes, random, corpus);
        }
        // Stacked growth mutations could reach tens of MB, which a linear reader takes seconds to read: that is size,
        // not a hang. Inputs stay at most 1 MiB so that the timeout measures the reader.
        if (bytes.Count > MaxInput) bytes.RemoveRange(MaxInput, bytes.Count - MaxInput);
        return [.. bytes];
    }

    /// <summary>Largest mutated input in bytes.</summary>
    public const int MaxInput = 1 << 20;

    private static void MutateBytes(List<byte> b, Random r, IReadOnlyList<byte[]> corpus)
    {
        int n = b.Count;
        switch (r.Next(11))
        {
            case 0 when n > 0: // bit flip
                { int i = r.Next(n); b[i] ^= (byte)(1 << r.Next(8)); break; }
            case 1 when n > 0: // interesting byte
                b[r.Next(n)] = InterestingBytes[r.Next(InterestingBytes.Length)];
                break;
            case 2 when n > 0: // random byte
                b[r.Next(n)] = (byte)r.Next(256);
                break;
            case 3 when n > 8: // length-like integer, either endianness, 1..8 bytes wide
                {
                    int width = new[] { 1, 2, 4, 8 }[r.Next(4)];
                    int i = r.Next(Math.Max(1, n - width));
                    ulong v = InterestingIntegers[r.Next(InterestingIntegers.Length)];
                    if (r.Next(4) == 0) v += (ulong)(r.Next(33) - 16);
                    Span<byte> tmp = stackalloc byte[8];
                    if (r.Next(5) == 0) BinaryPrimitives.WriteUInt64BigEndian(tmp, v << (8 * (8 - width)));
                    else BinaryPrimitives.WriteUInt64LittleEndian(tmp, v);
                    for (int j = 0; j < width && i + j < n; j++) b[i + j] = tmp[j];
                    break;
                }
            case 4 when n > 1: // truncation
                { int keep = r.Next(n); b.RemoveRange(keep, n - keep); break; }
            case 5: // extension with random or repeated bytes
                {
                    int len = 1 + r.Next(r.Next(2) == 0 ? 16 : 4096);
                    byte fill = (byte)r.Next(256);
                    bool random = r.Next(2) == 0;
                    for (int j = 0; j < len; j++) b.Add(random ? (byte)r.Next(256) : fill);
                    break;
                }
            case 6 when n > 2: // chunk duplication
                {
                    int start = r.Next(n), len = 1 + r.Next(Math.Min(n - start, 1024));
                    var chunk = b.GetRange(start, len);
                    b.InsertRange(r.Next(n + 1), chunk);
                    break;
                }
            case 7 when n > 2: // chunk deletion
                {
                    int start = r.Next(n), len = 1 + r.Next(Math.Min(n - start, 1024));
                    b.RemoveRange(start, len);
                    break;
                }
            case 8 when n > 2: // chunk overwrite with another part of the file (moves structures onto each other)
                {
                    int from = r.Next(n), to = r.Next(n), len = 1 + r.Next(Math.Min(Math.Min(n - from, n - to), 64));
                    var chunk = b.GetRange(from, len);
                    for (int j = 0; j < len; j++) b[to + j] = chunk[j];
                    break;
                }
            case 9 when corpus.Count > 1: // splice with another corpus file of the same reader
                {
                    var other = corpus[r.Next(corpus.Count)];
                    int cut = r.Next(n + 1), from = r.Next(other.Length + 1);
                    b.RemoveRange(cut, n - cut);
                    b.AddRange(other.AsSpan(from).ToArray());
                    break;
                }
            default: // a run of one interesting byte
                if (n > 0)
                {
                    int start = r.Next(n), len = 1 + r.Next(Math.Min(n - start, 32));
                    byte v = InterestingBytes[r.Next(InterestingBytes.Length)];
                    for (int j = 0; j < len; j++) b[start + j] = v;
                }
                break;
        }
    }

    private static byte[] MutateText(byte[] input, Random r)
    {
        string text = Encoding.UTF8.GetString(input);
        var lines = text.Split('\n').ToList();
        switch (r.Next(9))
        {
            case 0: // replace one field of one line
            case 1:
                {
                    int li = r.Next(lines.Count);
                    var (fields, sep) = Fields(lines[li]);
                    if (fields.Length > 0) fields[r.Next(fields.Length)] = Field(r);
                    lines[li] = string.Join(sep, fields);
                    break;
                }
            case 2: // extra or missing delimiters
                {
                    int li = r.Next(lines.Count);
                    string line = lines[li];
                    string d = new[] { ",", ";", "\t", " ", ",,", "\t\t" }[r.Next(6)];
                    int at = r.Next(line.Length + 1);
                    lines[li] = r.Next(2) == 0 ? line.Insert(at, d) : line.Replace(d.Trim() == "" ? "\t" : d, "");
                    break;
                }
            case 3: // duplicate or delete a line
                {
                    int li = r.Next(lines.Count);
                    if (r.Next(2) == 0) lines.Insert(r.Next(lines.Count + 1), lines[li]);
                    else lines.RemoveAt(li);
                    break;
                }
            case 4: // swap lines (header after data, data before header)
                {
                    int a = r.Next(lines.Count), c = r.Next(lines.Count);
                    (lines[a], lines[c]) = (lines[c], lines[a]);
                    break;
                }
            case 5: // a very long line or very many fields
                {
                    int li = r.Next(lines.Count);
                    lines[li] = r.Next(2) == 0 ? new string('9', 1 + r.Next(20000)) : string.Join(",", Enumerable.Repeat("1", 1 + r.Next(5000)));
                    break;
                }
            case 6: // re-encode: UTF-16 (either endianness, with or without BOM) or a UTF-8 BOM
                {
                    string joined = string.Join('\n', lines);
                    return r.Next(4) switch
                    {
                        0 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(joined)],
                        1 => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(joined)],
                        2 => Encoding.Unicode.GetBytes(joined),
                        _ => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(joined)],
                    };
                }
            case 7: // line endings
                return Encoding.UTF8.GetBytes(string.Join(new[] { "\r\n", "\r", "\n\n", "" }[r.Next(4)], lines));
            default: // many copies of the data lines (counts, growth)
                {
                    int li = r.Next(lines.Count);
                    lines.InsertRange(li, Enumerable.Repeat(lines[li], 1 + r.Next(2000)));
                    break;
                }
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string Field(Random r) => r.Next(3) switch
    {
        0 => InterestingFields[r.Next(InterestingFields.Length)],
        1 => (r.NextDouble() * Math.Pow(10, r.Next(-330, 330))).ToString("R", CultureInfo.InvariantCulture),
        _ => new string((char)r.Next(32, 0x3000), 1 + r.Next(8)),
    };

    private static (string[] Fields, string Separator) Fields(string line)
    {
        foreach (string sep in new[] { "\t", ",", ";", " " })
            if (line.Contains(sep, StringComparison.Ordinal)) return (line.Split(sep), sep);
        return ([line], "");
    }
}
