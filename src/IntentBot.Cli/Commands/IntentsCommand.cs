using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntentBot.Agent.Dialogs;
using IntentBot.Nlu;
using IntentBot.Nlu.CustomIntents;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot intents check`: learns the custom intents of a dialogs folder as the server would, lists every
/// problem with the phrase to fix, and prints how the examples read under cross-validation (each read by a head
/// fitted without it), beside how many of the built-in background phrases a custom intent would take.
/// </summary>
public static class IntentsCommand
{
    public static async Task<int> RunAsync(Options options, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        if (options.Positional is not ["check"])
            throw new UsageException("the only subcommand is 'check': intentbot intents check [--dialogs DIR] [--model DIR].");
        var folder = CustomIntentsFromDialogs.Folder(options);
        var declared = CustomIntentDialogs.Declared(DialogLoader.LoadFolder(folder));
        if (declared.Count == 0)
        {
            await stdout.WriteLineAsync($"{folder} declares no custom intent (a dialog with examples:).");
            return 0;
        }

        await using var engine = NluEngine.Load(options.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        var started = Stopwatch.GetTimestamp();
        var fit = await new CustomIntentTrainer(engine).FitAsync(declared);
        await stdout.WriteAsync(Render(folder, declared, fit, Stopwatch.GetElapsedTime(started)));
        return fit.HasErrors ? 1 : 0;
    }

    internal static string Render(string folder, IReadOnlyList<CustomIntent> declared, CustomIntentFit fit, TimeSpan elapsed)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"Custom intents in {folder}: {string.Join(", ", declared.Select(d => $"{d.Name} ({d.Examples.Count} examples{(d.Overrides is null ? "" : ", overrides " + d.Overrides)})"))}");
        if (!fit.HasErrors) s.AppendLine(c, $"Learnt in {elapsed.TotalSeconds:0.0} s (temperature {fit.Head!.Temperature:0.##}).");
        s.AppendLine();
        if (fit.Problems.Count == 0) s.AppendLine("No problems found.");
        foreach (var problem in fit.Problems) s.AppendLine(c, $"{(problem.IsError ? "error  " : "warning")}  {problem}");
        if (fit.HasErrors) return s.ToString();

        var names = declared.Select(d => d.Name).ToList();
        var columns = names.Concat(["built-in", "out of scope"]).ToList();
        string Column(CrossValidatedPhrase p) => names.Contains(p.Predicted) ? p.Predicted : p.Predicted == fit.Head!.Model.OutOfScopeLabel ? "out of scope" : "built-in";
        var rows = names.Concat([CustomIntentFit.BuiltIn]).ToList();
        var width = Math.Max(24, rows.Max(r => r.Length) + 2);
        s.AppendLine();
        s.AppendLine("Cross-validation (5 folds): how each example reads when the head is fitted without it");
        s.Append("expected \\ read as".PadRight(width));
        foreach (var column in columns) s.Append(column.PadLeft(Math.Max(column.Length, 6) + 2));
        s.AppendLine();
        foreach (var row in rows)
        {
            s.Append(row.PadRight(width));
            var phrases = fit.CrossValidation.Where(p => p.Expected == row).ToList();
            foreach (var column in columns) s.Append(phrases.Count(p => Column(p) == column).ToString(c).PadLeft(Math.Max(column.Length, 6) + 2));
            s.AppendLine();
        }
        var examples = fit.CrossValidation.Where(p => p.Expected != CustomIntentFit.BuiltIn).ToList();
        var right = examples.Count(p => p.Predicted == p.Expected);
        var background = fit.CrossValidation.Where(p => p.Expected == CustomIntentFit.BuiltIn).ToList();
        var taken = background.Count(p => names.Contains(p.Predicted));
        s.AppendLine();
        s.AppendLine(c, $"Examples read as their intent: {right}/{examples.Count} ({100.0 * right / Math.Max(1, examples.Count):0.0}%); " +
            $"built-in phrases taken by a custom intent: {taken}/{background.Count} ({100.0 * taken / Math.Max(1, background.Count):0.0}%).");
        return s.ToString();
    }
}
