using System.Text;

namespace IntentBot.Cli.Evaluation;

/// <summary>One data record: its cells, its 1-based number among the data records and the file line it starts on.</summary>
public sealed record CsvRecord(int Number, int Line, IReadOnlyList<string> Fields)
{
    /// <summary>A cell by column index; a short record (fewer cells than the header) reads as empty there.</summary>
    public string this[int column] => column < Fields.Count ? Fields[column] : "";
}

/// <summary>A parsed CSV file: the header row and the data records below it.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records)
{
    /// <summary>
    /// The index of a column by header name. An exact match wins; otherwise a case-insensitive, trimmed
    /// match is accepted because spreadsheets often save "Text " or "TEXT" for what the user typed as "text".
    /// </summary>
    public int ColumnIndex(string name, string source)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal)) return i;
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        var available = string.Join(", ", Header.Select(h => $"'{h}'"));
        throw new UsageException($"column '{name}' not found in {source}. Available columns: {available}.");
    }
}

/// <summary>
/// An RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF, LF
/// or lone CR line ends, UTF-8 with or without a byte-order mark. Lenient where RFC 4180 is silent but
/// real exports differ (blank lines are skipped, a quote inside an unquoted field is kept literally).
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a file; a missing, unreadable or empty file is a usage error, not a crash.</summary>
    public static CsvTable ReadFile(string path)
    {
        if (Directory.Exists(path)) throw new UsageException($"{path} is a folder, not a CSV file.");
        if (!File.Exists(path)) throw new UsageException($"data file not found: {path}");
        try
        {
            // detectEncodingFromByteOrderMarks strips a UTF-8 BOM, which Excel writes and which would
            // otherwise become part of the first header name.
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    public static CsvTable Parse(TextReader reader, string source = "the CSV data")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = ReadRows(reader, source).ToList();
        if (rows.Count == 0) throw new UsageException($"{source} is empty: expected a header row naming the columns.");
        var header = rows[0].Fields.ToArray();
        // A BOM that survived decoding (e.g. a file saved twice) would hide the first column's name.
        if (header.Length > 0) header[0] = header[0].TrimStart('\uFEFF');
        var records = rows.Skip(1).Select((r, i) => new CsvRecord(i + 1, r.Line, r.Fields)).ToList();
        return new CsvTable(header, records);
    }

    private static IEnumerable<(int Line, List<string> Fields)> ReadRows(TextReader reader, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var rowHasContent = false;

        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) line++;
                    field.Append(ch);
                }
                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    rowHasContent = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    rowHasContent = true;
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    if (rowHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return (rowStart, fields);
                        fields = [];
                    }
                    field.Clear();
                    fieldWasQuoted = false;
                    rowHasContent = false;
                    line++;
                    rowStart = line;
                    break;
                default:
                    // Text after a closing quote ("abc"def) is kept rather than rejected: the user's data
                    // is more useful evaluated than refused over a hand-edited cell.
                    field.Append(ch);
                    rowHasContent = true;
                    break;
            }
        }

        if (inQuotes)
            throw new UsageException($"{source}: a quoted field in the record starting on line {rowStart} is never closed (a missing '\"').");
        if (rowHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (rowStart, fields);
        }
    }
}
