using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>The shop's own words in Chinese from a bounded vocabulary; what it does not know stays as the shop wrote it.</summary>
public sealed class ChineseNamesTests
{
    [Theory]
    [InlineData("98% cotton, 2% elastane", "98% 棉，2% 氨纶")]
    [InlineData("Recycled polyester", "再生聚酯纤维")]
    [InlineData("100% organic cotton", "100% 有机棉")]
    [InlineData("Aluminium, non-stick", "铝，不粘涂层")]
    [InlineData("Cotton/polyester", "棉，聚酯纤维")]
    [InlineData("Vegan leather", "纯素皮革")]
    [InlineData("Boiled wool felt", "Boiled wool felt")]
    public void A_material_is_written_in_Chinese_word_by_word(string english, string chinese) =>
        Assert.Equal(chinese, ChineseMaterials.Translate(english));

    [Theory]
    [InlineData("Blue", "蓝色")]
    [InlineData("Black, White", "黑色、白色")]
    [InlineData("Sage", "Sage")]
    public void A_colour_is_named_in_Chinese(string english, string chinese) => Assert.Equal(chinese, ChineseNames.Colour(english));

    [Theory]
    [InlineData("1 × Stride Cloudrunner 3 Running Shoes (Size 42, Blue)", "1 × Stride Cloudrunner 3 Running Shoes（42 码，蓝色）")]
    [InlineData("2 × The Weeknight Pasta Kitchen", "2 × The Weeknight Pasta Kitchen")]
    public void An_order_line_gives_its_variant_in_Chinese(string english, string chinese) => Assert.Equal(chinese, ChineseNames.OrderLine(english));
}
