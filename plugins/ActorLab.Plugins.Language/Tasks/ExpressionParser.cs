using System.Globalization;

namespace ActorLab.Plugins.Language.Tasks;

/// <summary>
/// Evaluates a countdown response exactly: expr = term (('+'|'-') term)*, term = factor (('*'|'/') factor)*,
/// factor = number | '(' expr ')'; numbers are non-negative integers. Anything else (an unknown character, an
/// unbalanced parenthesis, division by zero, an overflow) is not a well-formed expression.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly List<int> _numbers = [];
    private int _at;

    private ExpressionParser(string text) => _text = text;

    /// <summary>Whether <paramref name="text"/> is a well-formed expression; if so its value and the numbers it uses, in order.</summary>
    public static bool TryEvaluate(string text, out Rational value, out List<int> numbers)
    {
        var parser = new ExpressionParser(text);
        numbers = parser._numbers;
        value = default;
        try
        {
            value = parser.Expression();
            return parser._at == text.Length;
        }
        catch (Exception e) when (e is FormatException or DivideByZeroException or OverflowException)
        {
            return false;
        }
    }

    private Rational Expression()
    {
        var value = Term();
        while (_at < _text.Length && _text[_at] is '+' or '-')
        {
            var op = _text[_at++];
            var right = Term();
            value = op == '+' ? value + right : value - right;
        }

        return value;
    }

    private Rational Term()
    {
        var value = Factor();
        while (_at < _text.Length && _text[_at] is '*' or '/')
        {
            var op = _text[_at++];
            var right = Factor();
            value = op == '*' ? value * right : value / right;
        }

        return value;
    }

    private Rational Factor()
    {
        if (_at < _text.Length && _text[_at] == '(')
        {
            _at++;
            var inner = Expression();
            if (_at >= _text.Length || _text[_at] != ')')
            {
                throw new FormatException("unbalanced parenthesis");
            }

            _at++;
            return inner;
        }

        var start = _at;
        while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }

        if (_at == start || _at - start > 6)
        {
            throw new FormatException("a number was expected");
        }

        var number = int.Parse(_text.AsSpan(start, _at - start), CultureInfo.InvariantCulture);
        _numbers.Add(number);
        return new Rational(number, 1);
    }
}
