using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntentBot.Server.Desk;

/// <summary>
/// Agent secrets are configured as PBKDF2-SHA256 hashes, <c>pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64</c>,
/// so the configuration (and whoever reads it) never holds a usable password.
/// </summary>
public static class SecretHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int MinIterations = 100_000;

    public static string Create(string secret, int iterations = 210_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Null when <paramref name="encoded"/> is well formed, else what is wrong with it (checked at start-up).</summary>
    public static string? Problem(string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return $"must look like {Scheme}$ITERATIONS$SALT_BASE64$HASH_BASE64";
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinIterations)
            return $"needs at least {MinIterations} iterations";
        try
        {
            if (Convert.FromBase64String(parts[2]).Length < 8) return "salt is shorter than 8 bytes";
            if (Convert.FromBase64String(parts[3]).Length < 16) return "hash is shorter than 16 bytes";
        }
        catch (FormatException)
        {
            return "salt and hash must be base64";
        }
        return null;
    }

    public static bool Verify(string secret, string encoded)
    {
        if (Problem(encoded) is not null) return false;
        var parts = encoded.Split('$');
        var iterations = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
