using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// The sheets of an Excel workbook (.xlsx, and the older binary .xls that LANDdt and Arbin also write) as rows of text
/// fields, read with ExcelDataReader. Numbers are written back in round-trip form, durations formatted as time
/// (<c>[h]:mm:ss</c> cells, which Excel stores as fractions of a day) as <c>d.hh:mm:ss.fffffff</c>, dates as ISO text.
/// </summary>
internal static class WorkbookSheets
{
    /// <summary>A sheet: its name and its rows (empty trailing cells dropped).</summary>
    public sealed record Sheet(string Name, List<string[]> Rows);

    /// <summary>Cells a workbook may hold in all: 50 million (a million-row record of 50 columns).</summary>
    private const long MaxCells = 50_000_000;

    /// <summary>Excel's day zero: cell value 0 is 1899-12-30 in the 1900 date system.</summary>
    private static readonly DateTime DayZero = new(1899, 12, 30);

    static WorkbookSheets()
    {
        // .xls stores text in Windows code pages, which .NET provides only through this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads every sheet.</summary>
    /// <exception cref="MeasurementFileException">The bytes are not a workbook ExcelDataReader can read (damaged, encrypted, too large).</exception>
    public static List<Sheet> Read(byte[] bytes, string file)
    {
        var sheets = new List<Sheet>();
        long cells = 0;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var rows = new List<string[]>();
                while (reader.Read())
                {
                    int count = reader.FieldCount;
                    var row = new string[count];
                    int used = 0;
                    for (int c = 0; c < count; c++)
                    {
                        row[c] = Text(reader.GetValue(c));
                        if (row[c].Length > 0) used = c + 1;
                    }
                    cells += used;
                    if (cells > MaxCells)
                        throw new MeasurementFileException(file, null, $"holds more than {MaxCells:N0} cells; expected a cycler record of at most a few million");
                    rows.Add(used == count ? row : row[..used]);
                }
                sheets.Add(new Sheet(reader.Name ?? $"sheet {sheets.Count + 1}", rows));
            }
            while (reader.NextResult());
        }
        catch (MeasurementFileException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ExcelDataReader reports damage with its own exceptions and, on malformed archives or XML, with whatever the
            // framework throws (InvalidDataException, XmlException, IndexOutOfRangeException, ...). Each is a damaged file.
            throw new MeasurementFileException(file, null,
                $"cannot be read as an Excel workbook (.xlsx or .xls): {e.Message}; expected a workbook as LANDdt or Arbin export it, or a CSV/text export", e);
        }
        return sheets;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        int or long or short or byte or decimal => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        bool b => b ? "TRUE" : "FALSE",
        TimeSpan t => Clock(t),
        // A cell formatted as a time holds a fraction of a day since day zero: before 1901 it can only be a duration.
        DateTime dt when dt < new DateTime(1901, 1, 1) => Clock(dt - DayZero),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Clock(TimeSpan t) =>
        t < TimeSpan.Zero ? "-" : t.ToString(@"d\.hh\:mm\:ss\.fffffff", CultureInfo.InvariantCulture);
}
