using System.Globalization;
using System.Text;
using Repro.Profiles;

namespace Repro.Core.Tests.Profiles;

[TestClass]
public sealed class FastNumberTests
{
    [TestMethod]
    public void EveryNumberItReadsIsTheDoubleTheGeneralParserReads()
    {
        var state = 7UL;
        ulong Next()
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return state >> 11;
        }

        var read = 0;
        for (var i = 0; i < 200_000; i++)
        {
            // Up to 15 digits with the point anywhere, signs, leading zeros: the shapes data files hold.
            var length = 1 + (int)(Next() % 15);
            var text = new StringBuilder(Next() % 4 == 0 ? "-" : "");
            var point = (int)(Next() % (ulong)(length + 2)) - 1;
            for (var d = 0; d < length; d++)
            {
                if (d == point)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + Next() % 10));
            }

            var s = text.ToString();
            if (FastNumber.TryParse(Encoding.ASCII.GetBytes(s), out var value, out var integer))
            {
                read++;
                var expected = double.Parse(s, CultureInfo.InvariantCulture);
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(integer ? (double)long.Parse(s, CultureInfo.InvariantCulture) : expected), BitConverter.DoubleToInt64Bits(value), s);
                Assert.AreEqual(!s.Contains('.'), integer, s);
            }
        }

        Assert.IsGreaterThan(190_000, read, "the shapes above are what it is for");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("-")]
    [DataRow(".")]
    [DataRow("1e5")]
    [DataRow("+1")]
    [DataRow("1.2.3")]
    [DataRow("1234567890123456")]
    [DataRow("n/a")]
    public void WhatItDoesNotReadIsLeftToTheGeneralParser(string text) =>
        Assert.IsFalse(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
}
