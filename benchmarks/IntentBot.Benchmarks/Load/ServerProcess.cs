using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IntentBot.Benchmarks.Load;

/// <summary>
/// The IntentBot server, started from its built DLL on a free loopback port for one load run, then killed.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(
        string dll, string home, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan readyTimeout)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"server DLL not found (build it: dotnet build -c Release src/IntentBot.Server)", dll);
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        // DOTNET_HOST_PATH is set by `dotnet run`; otherwise rely on dotnet being on PATH.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["Urls"] = url.ToString().TrimEnd('/');
        info.Environment["Nlu__ExecutionProvider"] = "Cpu";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, url);
        // The pipes must be drained or the server blocks once they fill; keep the tail for error messages.
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(readyTimeout).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>CPU time the server has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set (VmHWM) in bytes, from /proc; null where that is unavailable.</summary>
    public long? PeakResidentBytes() => ReadProcStatus("VmHWM:");

    public long? ResidentBytes() => ReadProcStatus("VmRSS:");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                using var response = await probe.GetAsync(new Uri(BaseUrl, "/health/ready")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        string tail;
        lock (_lastLines) tail = string.Join(Environment.NewLine, _lastLines);
        throw new InvalidOperationException($"server at {BaseUrl} did not become ready within {timeout.TotalSeconds:F0}s" +
            $"{(_process.HasExited ? $" (exited with {_process.ExitCode})" : "")}; last output:{Environment.NewLine}{tail}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private long? ReadProcStatus(string field)
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var kb = line?[field.Length..].Trim().Split(' ')[0];
        return kb is null ? null : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
