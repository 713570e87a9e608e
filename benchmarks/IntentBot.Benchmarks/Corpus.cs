using System.Reflection;
using IntentBot.Home;
using IntentBot.Nlu;

namespace IntentBot.Benchmarks;

/// <summary>The texts every benchmark uses, and where the model lives.</summary>
internal static class Corpus
{
    /// <summary>~8 words: a typical chat message.</summary>
    public const string Short = "hi, my package still hasn't arrived yet";

    /// <summary>~30 words.</summary>
    public const string Medium =
        "Hello, I ordered a pair of running shoes two weeks ago and the tracking page has said " +
        "'in transit' for nine days now. Can you tell me where my parcel actually is?";

    /// <summary>~120 words: a long review, cut by the tokenizer to the model's 64-token window.</summary>
    public const string Long =
        "I have been a loyal customer for almost five years and I have always recommended your store to my " +
        "friends, but my last experience was honestly disappointing. I ordered a coffee machine for my " +
        "mother's birthday and paid extra for express delivery because the party was on Saturday. The " +
        "package arrived four days late, the box was crushed on one side and the water tank was cracked, so " +
        "the machine leaks every time we use it. I called your hotline twice, waited more than forty minutes " +
        "each time and was promised a call back that never came. I would like a full refund including the " +
        "express shipping fee, or a replacement delivered before the end of next week, and frankly an " +
        "apology would be nice too.";

    private static readonly Lazy<string[]> LazyMessages = new(LoadMessages);

    /// <summary>~200 realistic short customer messages (messages.txt).</summary>
    public static IReadOnlyList<string> Messages => LazyMessages.Value;

    /// <summary>
    /// The default model folder. BenchmarkDotNet runs each benchmark in a child process built under
    /// bin/, so the repository root is found by walking up (INTENTBOT_HOME overrides).
    /// </summary>
    public static string ModelDirectory => Path.Combine(RepositoryRoot.LocateHome(), "models", "intentbot-default");

    private static string[] LoadMessages()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IntentBot.Benchmarks.messages.txt")
            ?? throw new InvalidOperationException("messages.txt is not embedded in the benchmark assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#')) lines.Add(line);
        }
        return [.. lines];
    }
}
