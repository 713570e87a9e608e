namespace IntentBot.Cli;

/// <summary>A command's arguments: positional values and --name value pairs (flags have no value).</summary>
public sealed class Options
{
    private static readonly HashSet<string> Flags = ["--json", "--quiet", "--echo"];
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (Flags.Contains(arg)) { options._named[arg] = "true"; continue; }
                if (i + 1 >= args.Length) throw new UsageException($"{arg} needs a value.");
                options._named[arg] = args[++i];
            }
            else options.Positional.Add(arg);
        }
        return options;
    }

    public string? Get(string name) => _named.GetValueOrDefault(name);

    public bool Has(string name) => _named.ContainsKey(name);

    public string Require(string name) => Get(name) ?? throw new UsageException($"{name} is required.");

    public int GetInt(string name, int fallback, int min, int max)
    {
        var value = Get(name);
        if (value is null) return fallback;
        if (!int.TryParse(value, out var n) || n < min || n > max)
            throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{value}'.");
        return n;
    }

    /// <summary>The model folder: --model, else models/intentbot-default in the IntentBot home.</summary>
    public string ModelDirectory => IntentBot.Home.RepositoryRoot.Resolve(Get("--model") ?? "models/intentbot-default", IntentBot.Home.RepositoryRoot.LocateHome());
}

public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }
    public UsageException() { }
    public UsageException(string message, Exception inner) : base(message, inner) { }
}
