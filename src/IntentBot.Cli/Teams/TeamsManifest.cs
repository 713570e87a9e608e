using System.Text.Json.Nodes;

namespace IntentBot.Cli.Teams;

/// <summary>The manifest.json of the Teams app: one bot, no tabs or message extensions.</summary>
public static class TeamsManifest
{
    public const string Version = "1.22";
    public const string ColorIconFile = "color.png";
    public const string OutlineIconFile = "outline.png";

    public static JsonObject Build(TeamsAppOptions options, string botAppId) => new()
    {
        ["$schema"] = $"https://developer.microsoft.com/json-schemas/teams/v{Version}/MicrosoftTeams.schema.json",
        ["manifestVersion"] = Version,
        ["version"] = options.Version,
        ["id"] = (options.AppId.Length > 0 ? options.AppId : botAppId).ToLowerInvariant(),
        ["developer"] = new JsonObject
        {
            ["name"] = options.Developer.Name,
            ["websiteUrl"] = options.Developer.WebsiteUrl,
            ["privacyUrl"] = options.Developer.PrivacyUrl,
            ["termsOfUseUrl"] = options.Developer.TermsOfUseUrl,
        },
        ["name"] = new JsonObject { ["short"] = options.ShortName, ["full"] = options.FullName },
        ["description"] = new JsonObject { ["short"] = options.ShortDescription, ["full"] = options.FullDescription },
        ["icons"] = new JsonObject { ["color"] = ColorIconFile, ["outline"] = OutlineIconFile },
        ["accentColor"] = options.AccentColor.ToUpperInvariant(),
        ["bots"] = new JsonArray(new JsonObject
        {
            ["botId"] = botAppId.ToLowerInvariant(),
            ["scopes"] = new JsonArray([.. options.Scopes.Select(s => (JsonNode)s)]),
            // The bot answers in text and cards; it neither takes files nor only notifies.
            ["supportsFiles"] = false,
            ["isNotificationOnly"] = false,
        }),
        ["validDomains"] = new JsonArray([.. options.ValidDomains.Select(d => (JsonNode)d)]),
    };
}
