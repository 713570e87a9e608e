using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Dialogs;

/// <summary>
/// Hot reload: watches the dialogs folder and, a moment after the last change (editors write a file in several
/// steps), reads it again and puts it in use. A folder that does not validate is not used: the previous dialogs
/// and custom intents stay, and the error is logged with every problem, so a typo never takes the bot down.
/// </summary>
public sealed class DialogWatcher : IDisposable
{
    private readonly DialogSource _source;
    private readonly DialogCatalog _catalog;
    private readonly ILogger _logger;
    private readonly TimeSpan _quiet;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private int _generation;

    public DialogWatcher(DialogSource source, DialogCatalog catalog, ILogger logger, TimeSpan quiet)
    {
        (_source, _catalog, _logger, _quiet) = (source, catalog, logger, quiet);
        _timer = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(source.Folder, "*.yaml") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>How many reloads were put in use (for tests and logs).</summary>
    public int Generation => Volatile.Read(ref _generation);

    private void OnChange(object sender, FileSystemEventArgs e) => _timer.Change(_quiet, Timeout.InfiniteTimeSpan);

    private async Task ReloadAsync()
    {
        await _reloading.WaitAsync().ConfigureAwait(false);
        try
        {
            var loaded = await _source.LoadAsync().ConfigureAwait(false);
            _source.Commit(loaded, _catalog);
            Interlocked.Increment(ref _generation);
            _logger.LogInformation("Reloaded the dialogs from {Folder} in {Seconds:0.0} s: {Dialogs} dialogs, custom intents: {Custom}",
                _source.Folder, loaded.Elapsed.TotalSeconds, loaded.Catalog.ByIntent.Count,
                loaded.Head is null ? "none" : string.Join(", ", loaded.Head.Intents.Select(i => i.Name)));
        }
        catch (DialogValidationException ex)
        {
            _logger.LogError("The dialogs folder changed but does not validate; the previous dialogs stay in use. {Problems}", ex.Message);
        }
        catch (IntentBot.Nlu.Batching.QueueFullException ex)
        {
            _logger.LogWarning("The dialogs were not reloaded: {Reason}; save the file again to retry", ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file caught half-written: the write that completes it raises another change.
            _logger.LogWarning("The dialogs folder could not be read yet ({Reason}); waiting for the next change", ex.Message);
        }
        finally { _reloading.Release(); }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
        _reloading.Dispose();
    }
}
