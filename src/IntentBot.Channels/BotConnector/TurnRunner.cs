using System.Threading.Channels;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// Runs turns after /api/messages has already answered, so the channel gets its 202 at once (Teams retries a
/// request that takes longer than about 15 s). Conversations are spread over a fixed set of workers by id:
/// one conversation's turns and replies stay in order, different conversations run in parallel.
/// In-memory: turns still queued when the process stops are lost (the channel does not resend them).
/// </summary>
/// <remarks>
/// The bot comes with each queued turn from <see cref="BotConnectorEndpoint"/> rather than through this
/// constructor: a hosted service is built before any host starts, and the agent cannot be built before the
/// model host has loaded the model.
/// </remarks>
public sealed class TurnRunner : BackgroundService
{
    private readonly Channel<TurnWork>[] _partitions;
    private readonly ReplyDelivery _delivery;
    private readonly ILogger<TurnRunner> _logger;

    public TurnRunner(IOptions<BotConnectorOptions> options, ReplyDelivery delivery, ILogger<TurnRunner> logger)
    {
        _delivery = delivery;
        _logger = logger;
        _partitions = new Channel<TurnWork>[options.Value.TurnWorkers];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = Channel.CreateBounded<TurnWork>(new BoundedChannelOptions(options.Value.TurnRunnerCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }
    }

    /// <summary>Queues a whole turn (the bot runs later). False when that conversation's worker is saturated.</summary>
    public bool TryEnqueueTurn(IBot bot, Activity incoming) => Partition(incoming).Writer.TryWrite(new TurnWork(incoming, bot, null));

    /// <summary>Queues replies already produced (by a synchronous invoke turn) for delivery.</summary>
    public bool TryEnqueueDelivery(Activity incoming, IReadOnlyList<Activity> replies) =>
        replies.Count == 0 || Partition(incoming).Writer.TryWrite(new TurnWork(incoming, null, replies));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_partitions.Select(partition => Task.Run(() => WorkAsync(partition.Reader, stoppingToken), stoppingToken)));

    private async Task WorkAsync(ChannelReader<TurnWork> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var replies = work.Replies ?? (await work.Bot!.OnTurnAsync(work.Incoming, stoppingToken)).Replies;
                    await _delivery.DeliverAsync(work.Incoming, replies, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A failing turn must not stop the worker: the other conversations on it keep going.
                    _logger.LogError(e, "The turn for activity {ActivityId} in conversation {ConversationId} failed",
                        work.Incoming.Id, work.Incoming.Conversation?.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private Channel<TurnWork> Partition(Activity incoming)
    {
        var key = incoming.Conversation?.Id ?? string.Empty;
        // string.GetHashCode is randomised per process but stable within it, which is all ordering needs.
        return _partitions[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_partitions.Length)];
    }

    /// <summary>A turn to run (<paramref name="Bot"/>) or replies already produced to deliver.</summary>
    private sealed record TurnWork(Activity Incoming, IBot? Bot, IReadOnlyList<Activity>? Replies);
}
