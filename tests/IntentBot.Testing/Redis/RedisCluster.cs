using System.Globalization;
using StackExchange.Redis;

namespace IntentBot.Testing;

/// <summary>
/// A real Redis Cluster on loopback: three masters and three replicas (six redis-server processes in cluster
/// mode, AOF; fsync on every write unless asked otherwise), created with <c>redis-cli --cluster create --cluster-replicas 1</c>.
/// A test can kill the master that holds a key (its replica takes over) or crash and restart every node.
/// Every process is killed and every directory deleted on dispose, whatever the test did.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    /// <summary>
    /// How long a silent master counts as up. Short so a failover takes seconds, not long enough for a busy CI
    /// machine to make a healthy node look dead.
    /// </summary>
    private const int NodeTimeoutMs = 2000;

    private readonly List<RedisNode> _nodes = [];
    private ConnectionMultiplexer? _connection;

    /// <param name="fsyncEveryWrite">appendfsync always (the fault tests: every acknowledged write on disk) or everysec
    /// (the contract suites, where six fsyncing nodes on a small CI machine only add latency).</param>
    private RedisCluster(bool fsyncEveryWrite)
    {
        var fsync = fsyncEveryWrite ? "always" : "everysec";
        for (var i = 0; i < 6; i++)
        {
            var busPort = LoopbackPort.Free();
            _nodes.Add(new RedisNode(n =>
                $"--port {n.Port} --cluster-port {busPort} --bind 127.0.0.1 --protected-mode yes --dir {n.DataDirectory} " +
                $"--cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout {NodeTimeoutMs} " +
                // A replica takes over however long it has been cut off: the tests kill masters on purpose.
                $"--cluster-replica-validity-factor 0 --appendonly yes --appendfsync {fsync} --save \"\""));
        }
    }

    public static Task<RedisCluster> StartAsync(bool fsyncEveryWrite = true) =>
        RedisNode.StartOnFreshPortsAsync(() => new RedisCluster(fsyncEveryWrite), async cluster =>
        {
            foreach (var node in cluster._nodes) node.Start();
            var create = cluster._nodes[0].Cli(["--cluster", "create", .. cluster._nodes.Select(n => $"127.0.0.1:{n.Port}"), "--cluster-replicas", "1", "--cluster-yes"]);
            if (!create.Contains("All 16384 slots covered", StringComparison.Ordinal)) throw new InvalidOperationException("redis-cli --cluster create failed:\n" + create);
            await cluster.WaitUntilHealthyAsync();
        });

    /// <summary>Every node as a seed: the client discovers the topology (and later changes to it) by itself.</summary>
    public string ConnectionString =>
        string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1";

    /// <summary>The test's own connection (to read back what the servers stored), made on first use.</summary>
    public async Task<ConnectionMultiplexer> ConnectionAsync() =>
        _connection ??= await ConnectionMultiplexer.ConnectAsync(ConnectionString.Replace("syncTimeout=1000,asyncTimeout=1000", "syncTimeout=15000,asyncTimeout=15000", StringComparison.Ordinal));

    public int Masters => Topology().Count(n => n.Master && !n.Failed && n.Slots.Count > 0);

    /// <summary>Every key on every live master: what erasure tests scan.</summary>
    public async Task<IReadOnlyList<string>> AllKeysAsync()
    {
        var connection = await ConnectionAsync();
        var masters = Topology().Where(n => n.Master && !n.Failed && n.Slots.Count > 0).Select(n => n.Port);
        return masters.SelectMany(port => connection.GetServer("127.0.0.1", port).Keys(pattern: "*").Select(k => k.ToString())).ToList();
    }

    /// <summary>The port of the master that serves a key's slot now.</summary>
    public int MasterPortOf(string key)
    {
        var slot = ClusterSlotOf(key);
        return Topology().Single(n => n.Master && !n.Failed && n.Slots.Any(r => r.From <= slot && slot <= r.To)).Port;
    }

    /// <summary>
    /// SIGKILLs the master that serves <paramref name="key"/> and waits until its replica has taken over and the
    /// cluster is whole again. Returns the killed and the promoted port.
    /// </summary>
    public async Task<(int Killed, int Promoted)> KillMasterOfAsync(string key)
    {
        var topology = Topology();
        var killed = MasterPortOf(key);
        var master = topology.Single(n => n.Port == killed);
        var replica = topology.First(n => n.MasterId == master.Id && !n.Failed);
        Node(killed).Kill();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Node(replica.Port).Cli("ROLE").StartsWith("master", StringComparison.Ordinal) && ClusterOk()))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"The replica on {replica.Port} did not take over from {killed}.");
            await Task.Delay(100);
        }
        return (killed, replica.Port);
    }

    /// <summary>Starts a killed node again: it rejoins (a former master comes back as its successor's replica).</summary>
    public async Task RestartAsync(int port)
    {
        Node(port).Start();
        await WaitUntilHealthyAsync();
    }

    /// <summary>SIGKILLs every node at once: the whole cluster crashes.</summary>
    public void KillAll()
    {
        foreach (var node in _nodes) node.Kill();
    }

    /// <summary>Starts every killed node on its port and directory (AOF and nodes.conf reloaded), until the cluster is whole.</summary>
    public async Task StartAllAsync()
    {
        foreach (var node in _nodes.Where(n => !n.Running)) node.Start();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Every running node says the cluster is ok, every slot is served, and every replica's link to its master is up.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Healthy())
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("The Redis Cluster did not become healthy:\n" + _nodes.First(n => n.Running).Cli("CLUSTER", "NODES"));
            await Task.Delay(200);
        }
    }

    private bool Healthy()
    {
        if (!ClusterOk()) return false;
        var topology = Topology();
        if (topology.Count(n => n.Master && !n.Failed && n.Slots.Count > 0) != 3) return false;
        return _nodes.Where(n => n.Running).All(n =>
        {
            var info = n.Cli("INFO", "replication");
            return info.Contains("role:master", StringComparison.Ordinal) || info.Contains("master_link_status:up", StringComparison.Ordinal);
        });
    }

    private bool ClusterOk() => _nodes.Where(n => n.Running).All(n =>
    {
        var info = n.Cli("CLUSTER", "INFO");
        return info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal);
    });

    private RedisNode Node(int port) => _nodes.Single(n => n.Port == port);

    private sealed record Entry(string Id, int Port, bool Master, bool Failed, string? MasterId, List<(int From, int To)> Slots);

    /// <summary>CLUSTER NODES as a live node sees it: id, address, flags, master id, then slot ranges.</summary>
    private List<Entry> Topology()
    {
        var text = _nodes.First(n => n.Running).Cli("CLUSTER", "NODES");
        var entries = new List<Entry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(' ');
            var address = f[1].Split('@')[0];
            var port = int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var flags = f[2].Split(',');
            var slots = f.Skip(8).Where(s => !s.StartsWith('[')).Select(s =>
            {
                var range = s.Split('-');
                var from = int.Parse(range[0], CultureInfo.InvariantCulture);
                return (from, range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : from);
            }).ToList();
            entries.Add(new Entry(f[0], port, flags.Contains("master"), flags.Contains("fail") || flags.Contains("fail?"), f[3] == "-" ? null : f[3], slots));
        }
        return entries;
    }

    /// <summary>The key's slot as the client library computes it (CRC16 of the hash tag or the key, mod 16384).</summary>
    private int ClusterSlotOf(string key) => (_connection ?? ConnectionAsync().GetAwaiter().GetResult()).HashSlot(key);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        foreach (var node in _nodes) node.Dispose();
    }
}
