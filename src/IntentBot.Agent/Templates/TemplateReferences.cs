using System.Text.RegularExpressions;

namespace IntentBot.Agent.Templates;

/// <summary>What a template refers to: the variables it reads and the functions it calls (for start-up checks).</summary>
public sealed partial record TemplateReferences(IReadOnlyList<string> Variables, IReadOnlyList<string> Functions)
{
    public static TemplateReferences Parse(string source)
    {
        var variables = new List<string>();
        var functions = new List<string>();
        foreach (Match block in BlockPattern().Matches(source))
        {
            var content = block.Groups[1].Value.Trim();
            if (content.Length == 0) continue;
            // Quoted literals carry no references; drop them before splitting on spaces.
            var tokens = QuotedPattern().Replace(content, "''").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = tokens[0];
            if (first.StartsWith('$')) variables.Add(first[1..]);
            else functions.Add(first);
            foreach (var token in tokens.Skip(1))
            {
                var value = token.Contains('=') ? token[(token.IndexOf('=') + 1)..] : token;
                if (value.StartsWith('$')) variables.Add(value[1..]);
            }
        }
        return new TemplateReferences(variables, functions);
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex QuotedPattern();
}
