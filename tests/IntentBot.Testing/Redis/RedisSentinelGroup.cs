using System.Globalization;
using StackExchange.Redis;

namespace IntentBot.Testing;

/// <summary>
/// A real Sentinel deployment on loopback: one master, one replica (AOF with fsync on every write) and three
/// sentinels (quorum 2) watching them under <see cref="ServiceName"/>. A test can kill the current master and wait
/// until the sentinels have promoted the replica. Every process is killed and every directory deleted on dispose.
/// </summary>
public sealed class RedisSentinelGroup : IAsyncDisposable
{
    public const string ServiceName = "intentbot";

    private readonly List<RedisNode> _data = [];
    private readonly List<RedisNode> _sentinels = [];
    private ConnectionMultiplexer? _connection;

    private RedisSentinelGroup()
    {
        // min-replicas-to-write: a killed master that comes back still believes it is the master until the sentinels
        // turn it into a replica, and the client may write to it in between; those writes would be wiped by the resync.
        // Without a replica of its own it refuses them (NOREPLICAS), so no write is acknowledged that is later lost.
        const string persistence = "--appendonly yes --appendfsync always --save \"\" --protected-mode yes --bind 127.0.0.1 " +
            "--min-replicas-to-write 1 --min-replicas-max-lag 10";
        var master = new RedisNode(n => $"--port {n.Port} --dir {n.DataDirectory} {persistence}");
        _data.Add(master);
        _data.Add(new RedisNode(n => $"--port {n.Port} --dir {n.DataDirectory} {persistence} --replicaof 127.0.0.1 {master.Port}"));
        for (var i = 0; i < 3; i++)
            _sentinels.Add(new RedisNode(n => $"{SentinelConfig(n, master.Port)} --sentinel"));
    }

    /// <summary>
    /// Written once: a sentinel rewrites its own file (what it learnt about replicas, other sentinels and failovers),
    /// and a restarted one must read that back, not the first version.
    /// </summary>
    private static string SentinelConfig(RedisNode sentinel, int masterPort)
    {
        var path = Path.Combine(sentinel.DataDirectory, "sentinel.conf");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, string.Join('\n',
                $"port {sentinel.Port}",
                "bind 127.0.0.1",
                $"dir {sentinel.DataDirectory}",
                $"sentinel monitor {ServiceName} 127.0.0.1 {masterPort} 2",
                // Short, so a failover takes seconds; long enough that a busy CI machine does not fail over by mistake.
                $"sentinel down-after-milliseconds {ServiceName} 2000",
                $"sentinel failover-timeout {ServiceName} 10000",
                ""));
        }
        return path;
    }

    public static Task<RedisSentinelGroup> StartAsync() =>
        RedisNode.StartOnFreshPortsAsync(() => new RedisSentinelGroup(), async group =>
        {
            foreach (var node in group._data.Concat(group._sentinels)) node.Start();
            await WaitUntilAsync(() => group.SentinelsAgree(group._data[0].Port) && group.ReplicaLinked() && group.MasterWritable(), "the sentinels to see the master and its replica");
        });

    /// <summary>The sentinels as seeds and the service name: the client asks them for the master and follows failovers.</summary>
    public string ConnectionString =>
        string.Join(',', _sentinels.Select(n => $"127.0.0.1:{n.Port}")) + $",serviceName={ServiceName},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1";

    public async Task<ConnectionMultiplexer> ConnectionAsync() =>
        _connection ??= await ConnectionMultiplexer.ConnectAsync(ConnectionString.Replace("syncTimeout=1000,asyncTimeout=1000", "syncTimeout=15000,asyncTimeout=15000", StringComparison.Ordinal));

    /// <summary>The port of the current master, as the first live sentinel reports it.</summary>
    public int MasterPort
    {
        get
        {
            var reply = _sentinels.First(n => n.Running).Cli("SENTINEL", "get-master-addr-by-name", ServiceName).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return int.Parse(reply[1], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>SIGKILLs the current master and waits until every sentinel names the replica as master. Returns (killed, promoted).</summary>
    public async Task<(int Killed, int Promoted)> KillMasterAsync()
    {
        var killed = MasterPort;
        var replica = _data.Single(n => n.Port != killed);
        _data.Single(n => n.Port == killed).Kill();
        await WaitUntilAsync(() => SentinelsAgree(replica.Port) && replica.Cli("ROLE").StartsWith("master", StringComparison.Ordinal), $"the replica on {replica.Port} to take over");
        return (killed, replica.Port);
    }

    /// <summary>Starts a killed data node again; the sentinels turn it into the new master's replica.</summary>
    public async Task RestartAsync(int port)
    {
        _data.Single(n => n.Port == port).Start();
        await WaitUntilAsync(() => ReplicaLinked() && MasterWritable(), $"the node on {port} to rejoin as a replica");
    }

    /// <summary>The master counts its replica as good (min-replicas-to-write): until then it refuses writes.</summary>
    private bool MasterWritable() => _data.Any(n => n.Running && n.Cli("INFO", "replication") is var info
        && info.Contains("role:master", StringComparison.Ordinal) && info.Contains("min_slaves_good_slaves:1", StringComparison.Ordinal));

    private bool SentinelsAgree(int masterPort) => _sentinels.All(s =>
        s.Cli("SENTINEL", "get-master-addr-by-name", ServiceName).Contains(masterPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private bool ReplicaLinked() => _data.All(n => n.Running) && _data.Any(n => n.Cli("INFO", "replication").Contains("master_link_status:up", StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        foreach (var node in _sentinels.Concat(_data)) node.Dispose();
    }
}
