using System.Text;
using System.Text.RegularExpressions;

namespace IntentBot.Server.Logging;

/// <summary>
/// Masks personal data in log text: e-mail addresses, phone numbers and payment card numbers.
/// Deliberately narrow so that what support staff need stays readable: order numbers (W123456), plain
/// digit ids (a 10-digit order id), dates and times are left alone. A card is 13-19 digits, optionally
/// grouped by single spaces or dashes, that passes the Luhn check; a phone number is written as one
/// (international "+" form, or grouped with separators), never a bare run of digits.
/// </summary>
public static partial class PiiMasker
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Card = "[card]";

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")]
    private static partial Regex EmailPattern();

    /// <summary>13-19 digits, single spaces or dashes allowed between them, not inside a longer number nor after "+" (a phone).</summary>
    [GeneratedRegex(@"(?<![\d+])\d(?:[ -]?\d){12,18}(?![\d])")]
    private static partial Regex CardCandidate();

    /// <summary>
    /// "+" and 7-15 digits with optional separators and one bracketed area code (+44 20 7946 0958,
    /// +1 (555) 123-4567, +4915112345678); or the grouped national forms (555) 123-4567, 555-123-4567,
    /// 555.123.4567, 020 7946 0958, 07700 900123.
    /// </summary>
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){1,5}[ .-]?\d{2,4}|\(\d{3}\)[ ]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|\d{3} \d{3} \d{4}|0\d{2,4} \d{3,4} ?\d{3,4})(?![\w])")]
    private static partial Regex PhonePattern();

    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MightContainPii(text)) return text;
        var masked = CardCandidate().Replace(text, m => IsCardNumber(m.Value) ? Card : m.Value);
        masked = EmailPattern().Replace(masked, Email);
        return PhonePattern().Replace(masked, m => DigitCount(m.Value) is >= 7 and <= 15 ? Phone : m.Value);
    }

    /// <summary>Most log lines have no '@' and fewer than 7 digits: they skip the regexes.</summary>
    private static bool MightContainPii(string text)
    {
        if (text.Contains('@', StringComparison.Ordinal)) return true;
        var digits = 0;
        foreach (var c in text)
            if (char.IsAsciiDigit(c) && ++digits >= 7) return true;
        return false;
    }

    public static bool IsCardNumber(string candidate)
    {
        var digits = new StringBuilder(19);
        foreach (var c in candidate)
            if (char.IsAsciiDigit(c)) digits.Append(c);
        return digits.Length is >= 13 and <= 19 && PassesLuhn(digits.ToString());
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt && (d *= 2) > 9) d -= 9;
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static int DigitCount(string text) => text.Count(char.IsAsciiDigit);
}
