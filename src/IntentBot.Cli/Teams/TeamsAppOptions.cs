using System.Text.RegularExpressions;

namespace IntentBot.Cli.Teams;

/// <summary>
/// The `Teams` section of appsettings.json: what the Teams app package says about the bot. The bot itself is
/// BotConnector:AppId, the same id the server checks inbound tokens against.
/// </summary>
public sealed partial class TeamsAppOptions
{
    public const string SectionName = "Teams";

    /// <summary>The Teams app's own id (a GUID); empty uses the bot's app id, as one bot makes one app.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app package's version (major.minor.patch); raise it for every package uploaded again.</summary>
    public string Version { get; set; } = "1.0.0";

    public string ShortName { get; set; } = "";
    public string FullName { get; set; } = "";
    public string ShortDescription { get; set; } = "";
    public string FullDescription { get; set; } = "";
    public string AccentColor { get; set; } = "";
    public TeamsDeveloper Developer { get; set; } = new();

    /// <summary>Domains the app may open (the shop's site, for links in answers); host names, no scheme.</summary>
    public List<string> ValidDomains { get; set; } = [];

    /// <summary>Where the bot is offered: personal (1:1 chat), team (channels), groupChat. Empty here because
    /// binding appends to a list: appsettings.json holds the default, ["personal"].</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>A 192x192 PNG to use instead of the drawn colour icon (a path relative to the IntentBot home).</summary>
    public string ColorIcon { get; set; } = "";

    /// <summary>A 32x32 PNG, white on transparent, to use instead of the drawn outline icon.</summary>
    public string OutlineIcon { get; set; } = "";

    /// <summary>Every problem, each naming its configuration key; empty when a package can be built.</summary>
    public IReadOnlyList<string> Validate(string botAppId)
    {
        var errors = new List<string>();
        if (!Guid.TryParse(botAppId, out _))
            errors.Add($"BotConnector:AppId must be the bot's Microsoft App ID (a GUID), got '{botAppId}'.");
        if (AppId.Length > 0 && !Guid.TryParse(AppId, out _))
            errors.Add($"Teams:AppId must be a GUID or empty (the bot's app id), got '{AppId}'.");
        if (!SemVer().IsMatch(Version))
            errors.Add($"Teams:Version must be major.minor.patch (e.g. 1.0.0), got '{Version}'.");
        Text(errors, "Teams:ShortName", ShortName, 30);
        Text(errors, "Teams:FullName", FullName, 100);
        Text(errors, "Teams:ShortDescription", ShortDescription, 80);
        Text(errors, "Teams:FullDescription", FullDescription, 4000);
        if (!HexColor().IsMatch(AccentColor))
            errors.Add($"Teams:AccentColor must be an HTML colour like #1F6F5C, got '{AccentColor}'.");
        Text(errors, "Teams:Developer:Name", Developer.Name, 32);
        Https(errors, "Teams:Developer:WebsiteUrl", Developer.WebsiteUrl);
        Https(errors, "Teams:Developer:PrivacyUrl", Developer.PrivacyUrl);
        Https(errors, "Teams:Developer:TermsOfUseUrl", Developer.TermsOfUseUrl);
        if (ValidDomains.Count > 16) errors.Add("Teams:ValidDomains holds at most 16 domains.");
        foreach (var domain in ValidDomains)
            if (domain.Contains("://", StringComparison.Ordinal) || domain.Contains('/', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(domain))
                errors.Add($"Teams:ValidDomains lists host names such as shop.example.com or *.example.com, got '{domain}'.");
        if (Scopes.Count == 0 || Scopes.Any(s => s is not ("personal" or "team" or "groupChat")) || Scopes.Distinct().Count() != Scopes.Count)
            errors.Add($"Teams:Scopes lists personal, team and/or groupChat, each once, got [{string.Join(", ", Scopes)}].");
        return errors;
    }

    private static void Text(List<string> errors, string key, string value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{key} must be set.");
        else if (value.Length > max) errors.Add($"{key} is {value.Length} characters; Teams allows {max}.");
    }

    private static void Https(List<string> errors, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            errors.Add($"{key} must be an https URL (Teams shows it in the app's details), got '{value}'.");
    }

    [GeneratedRegex("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemVer();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}

public sealed class TeamsDeveloper
{
    public string Name { get; set; } = "";
    public string WebsiteUrl { get; set; } = "";
    public string PrivacyUrl { get; set; } = "";
    public string TermsOfUseUrl { get; set; } = "";
}
