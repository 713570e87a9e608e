using IntentBot.Home;
using IntentBot.Nlu;

namespace IntentBot.Benchmarks.Load;

/// <summary>
/// What the http and turns modes share: parse the options, start the server when asked, measure, print and save
/// the report, stop the server; and the HTTP client both load generators use.
/// </summary>
internal static class LoadRun
{
    /// <param name="mode">The mode's name, for error messages.</param>
    /// <param name="serverEnvironment">Variables the mode itself needs on a started server (the user's come after).</param>
    /// <param name="measure">Runs the levels against the base URL and returns the markdown report, or null on failure.</param>
    public static async Task<int> RunAsync(string mode, string[] args, IEnumerable<KeyValuePair<string, string>> serverEnvironment,
        Func<LoadOptions, Uri, ServerProcess?, Task<string?>> measure)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or UriFormatException)
        {
            Console.Error.WriteLine($"{mode}: {ex.Message}");
            return 2;
        }

        ServerProcess? server = null;
        try
        {
            if (options.StartServer)
            {
                var home = RepositoryRoot.LocateHome();
                var dll = options.ServerDll ?? Path.Combine(home, "src", "IntentBot.Server", "bin", "Release", "net10.0", "IntentBot.Server.dll");
                Console.WriteLine($"Starting {dll} ...");
                server = await ServerProcess.StartAsync(dll, home, [.. serverEnvironment, .. options.ServerEnvironment], TimeSpan.FromMinutes(2));
                Console.WriteLine($"Server ready at {server.BaseUrl} (pid {server.Id}).");
            }
            var report = await measure(options, server?.BaseUrl ?? options.Url, server);
            if (report is null) return 1;
            Console.WriteLine(report);
            if (options.OutFile is not null) await File.WriteAllTextAsync(options.OutFile, report);
            return 0;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }

    /// <summary>One keep-alive connection per worker: HTTP/1.1 has one request in flight per connection.</summary>
    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    }, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
}
