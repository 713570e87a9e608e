using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine;

/// <summary>
/// The Direct Line secrets: those configured, else one random secret made at start-up so the default page works
/// with no configuration (it never leaves the server: the same-origin token endpoint exchanges it).
/// </summary>
public sealed class DirectLineSecrets
{
    private readonly byte[][] _secrets;

    public DirectLineSecrets(IOptions<DirectLineOptions> options, ILogger<DirectLineSecrets> logger)
    {
        var configured = options.Value.Secrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        if (configured.Length == 0)
        {
            configured = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))];
            logger.LogWarning("DirectLine:Secrets is empty: generated an ephemeral Direct Line secret for this process. " +
                "The page at / and /api/v1/directline/token work; other Direct Line clients need a configured secret.");
        }
        _secrets = configured.Select(Encoding.UTF8.GetBytes).ToArray();
        ServerSecret = configured[0];
    }

    /// <summary>The secret the server itself uses (token endpoint, tests).</summary>
    public string ServerSecret { get; }

    /// <summary>Constant-time match against every secret, so timing reveals neither which nor how much matched.</summary>
    public bool IsSecret(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var secret in _secrets) match |= CryptographicOperations.FixedTimeEquals(bytes, secret);
        return match;
    }
}
