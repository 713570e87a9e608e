using System.Globalization;
using System.Text;

namespace IntentBot.Benchmarks.Load;

/// <summary>The parts every load report shares (classify and bot turns), so both read and compute them alike.</summary>
internal static class LoadReport
{
    /// <summary>The server's environment overrides, when the run set any.</summary>
    public static void AppendServerEnvironment(StringBuilder md, LoadOptions options)
    {
        if (options.ServerEnvironment.Count > 0)
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Server environment: {string.Join(", ", options.ServerEnvironment.Select(v => $"`{v.Key}={v.Value}`"))}.");
    }

    /// <summary>"0", or each failure kind with its count.</summary>
    public static string Errors(LevelResult result) =>
        result.Errors.Count == 0 ? "0" : string.Join(", ", result.Errors.Select(e => $"{e.Key}: {e.Value}"));

    /// <summary>The started server's peak and final resident memory (nothing when the server was not ours).</summary>
    public static void AppendServerMemory(StringBuilder md, ServerProcess? server)
    {
        if (server is null) return;
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Server peak resident memory (VmHWM): {Mib(server.PeakResidentBytes())}; " +
            $"resident at the end (VmRSS): {Mib(server.ResidentBytes())}.");
    }

    private static string Mib(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F0} MiB") : "n/a";
}
