using System.Text;
using IntentBot.Cli;
using IntentBot.Cli.Evaluation;

namespace IntentBot.Cli.Tests.Evaluation;

public sealed class CsvReaderTests
{
    private static CsvTable Parse(string csv) => CsvReader.Parse(new StringReader(csv));

    [Fact]
    public void Quoted_fields_keep_commas_escaped_quotes_and_line_breaks()
    {
        var table = Parse("text,label\n\"a, b\",x\n\"say \"\"hi\"\"\",y\n\"two\nlines\",z\nplain,w\n");

        Assert.Equal(["text", "label"], table.Header);
        Assert.Equal(4, table.Records.Count);
        Assert.Equal("a, b", table.Records[0][0]);
        Assert.Equal("say \"hi\"", table.Records[1][0]);
        Assert.Equal("two\nlines", table.Records[2][0]);
        Assert.Equal("z", table.Records[2][1]);
        Assert.Equal("plain", table.Records[3][0]);
    }

    [Fact]
    public void Records_know_their_number_and_starting_line()
    {
        var table = Parse("text,label\n\"two\nlines\",z\n\nnext,w\n");

        Assert.Equal((1, 2), (table.Records[0].Number, table.Records[0].Line));
        // The blank line is skipped but still counted as a line of the file.
        Assert.Equal((2, 5), (table.Records[1].Number, table.Records[1].Line));
    }

    [Fact]
    public void Crlf_lf_and_missing_final_newline_read_the_same()
    {
        var lf = Parse("text,label\nhello,greeting\n\"a\nb\",x\n");
        var crlf = Parse("text,label\r\nhello,greeting\r\n\"a\nb\",x\r\n");
        var noFinal = Parse("text,label\r\nhello,greeting\r\n\"a\nb\",x");

        foreach (var t in new[] { crlf, noFinal })
        {
            Assert.Equal(lf.Header, t.Header);
            Assert.Equal(lf.Records.Select(r => r.Fields), t.Records.Select(r => r.Fields));
        }
    }

    [Fact]
    public void Crlf_inside_quotes_is_kept()
    {
        var table = Parse("text,label\r\n\"a\r\nb\",x\r\n");
        Assert.Equal("a\r\nb", table.Records[0][0]);
    }

    [Fact]
    public void Empty_fields_and_short_records_read_as_empty()
    {
        var table = Parse("text,label,extra\n,greeting\n\"\",thanks,1\n");

        Assert.Equal("", table.Records[0][0]);
        Assert.Equal("", table.Records[0][2]);
        Assert.Equal("", table.Records[1][0]);
        Assert.Equal("1", table.Records[1][2]);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "bom.csv");
        File.WriteAllText(path, "text,label\r\ncafé crème,greeting\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        var table = CsvReader.ReadFile(path);

        Assert.Equal("text", table.Header[0]);
        Assert.Equal(0, table.ColumnIndex("text", path));
        Assert.Equal("café crème", table.Records[0][0]);
    }

    [Fact]
    public void A_file_without_byte_order_mark_reads_as_utf8()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "plain.csv");
        File.WriteAllText(path, "text,label\nПривет,greeting\n", new UTF8Encoding(false));

        Assert.Equal("Привет", CsvReader.ReadFile(path).Records[0][0]);
    }

    [Fact]
    public void A_missing_column_lists_the_available_ones()
    {
        var table = Parse("utterance,intent\nhello,greeting\n");

        var ex = Assert.Throws<UsageException>(() => table.ColumnIndex("text", "data.csv"));

        Assert.Contains("'text'", ex.Message);
        Assert.Contains("data.csv", ex.Message);
        Assert.Contains("'utterance', 'intent'", ex.Message);
    }

    [Fact]
    public void Column_names_match_exactly_first_then_ignoring_case_and_spaces()
    {
        var table = Parse("Text ,text,LABEL\na,b,c\n");

        Assert.Equal(1, table.ColumnIndex("text", "x"));
        Assert.Equal(2, table.ColumnIndex("label", "x"));
    }

    [Fact]
    public void An_empty_file_is_a_usage_error()
    {
        Assert.Contains("empty", Assert.Throws<UsageException>(() => Parse("")).Message);
        Assert.Contains("empty", Assert.Throws<UsageException>(() => Parse("\r\n\n")).Message);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error_naming_it()
    {
        var ex = Assert.Throws<UsageException>(() => CsvReader.ReadFile("/nonexistent/eval.csv"));
        Assert.Contains("/nonexistent/eval.csv", ex.Message);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_where_the_record_starts()
    {
        var ex = Assert.Throws<UsageException>(() => Parse("text,label\nok,x\n\"never closed,y\nmore\n"));
        Assert.Contains("line 3", ex.Message);
    }
}
