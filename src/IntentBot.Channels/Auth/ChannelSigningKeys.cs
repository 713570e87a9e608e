using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace IntentBot.Channels.Auth;

/// <summary>
/// The channel's signing keys as published through its OpenID metadata, with each key's Bot Framework
/// <c>endorsements</c> (the channel ids that key may vouch for). Standard OpenID parsing drops that
/// non-standard member, so the JWKS is read here directly.
/// </summary>
public sealed class ChannelSigningKeys(IReadOnlyList<SecurityKey> keys, IReadOnlyDictionary<string, IReadOnlySet<string>> endorsements)
{
    public IReadOnlyList<SecurityKey> Keys { get; } = keys;

    /// <summary>Endorsements by key id (kid).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements { get; } = endorsements;

    public bool IsEndorsed(string? keyId, string channelId) =>
        keyId is not null && Endorsements.TryGetValue(keyId, out var channels) && channels.Contains(channelId);
}

/// <summary>
/// Reads the metadata document, follows its <c>jwks_uri</c>, and parses the keys plus their endorsements.
/// Used by <see cref="ConfigurationManager{T}"/>, which caches the result and refreshes it.
/// </summary>
public sealed class ChannelSigningKeysRetriever : IConfigurationRetriever<ChannelSigningKeys>
{
    public async Task<ChannelSigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        string jwksUri;
        using (var document = JsonDocument.Parse(metadata))
        {
            if (!document.RootElement.TryGetProperty("jwks_uri", out var uri) || uri.ValueKind != JsonValueKind.String)
                throw new InvalidOperationException($"The OpenID metadata at {address} has no jwks_uri.");
            jwksUri = uri.GetString()!;
        }

        var jwks = await retriever.GetDocumentAsync(jwksUri, cancel);
        var keys = new JsonWebKeySet(jwks).GetSigningKeys();

        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(jwks))
        {
            if (document.RootElement.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in array.EnumerateArray())
                {
                    if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                    var channels = new HashSet<string>(StringComparer.Ordinal);
                    if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var channel in list.EnumerateArray())
                            if (channel.ValueKind == JsonValueKind.String) channels.Add(channel.GetString()!);
                    }
                    endorsements[kid.GetString()!] = channels;
                }
            }
        }
        return new ChannelSigningKeys([.. keys], endorsements);
    }
}
