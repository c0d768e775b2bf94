"""Scene parameter schemas: every kind accepts good values and names what is wrong."""

from __future__ import annotations

import pytest

from tui9.scenes.base import MAX_ARRAY_ELEMENTS, Param, Quantity, SceneSpec, coerce


def problems(p: Param, value) -> list[tuple[str, str]]:
    return coerce(p, value)[1]


def test_float_accepts_int_and_checks_range() -> None:
    p = Param("lr", "float", 0.1, min=0.0, max=10.0)
    assert coerce(p, 1) == (1.0, [])
    assert problems(p, 11) == [("", "must be <= 10, got 11")]
    assert problems(p, -1e-3) == [("", "must be >= 0, got -0.001")]
    assert problems(p, True) == [("", "must be a number, got boolean")]
    assert problems(p, float("nan"))[0][1].startswith("must be a finite number")


def test_int_rejects_float_and_bool() -> None:
    p = Param("epochs", "int", 10, min=1)
    assert problems(p, 2.5) == [("", "must be an integer, got number")]
    assert problems(p, False) == [("", "must be an integer, got boolean")]
    assert problems(p, 0) == [("", "must be >= 1, got 0")]


def test_choice_and_choice_list() -> None:
    p = Param("activation", "choice", "relu", choices=("relu", "sigmoid"))
    assert problems(p, "relu") == []
    assert "must be one of relu, sigmoid" in problems(p, "tanh")[0][1]
    q = Param("opts", "choice_list", ["sgd"], choices=("sgd", "adam"))
    assert coerce(q, ["sgd", "adam"]) == (("sgd", "adam"), [])
    assert problems(q, ["sgd", "nadam"])[0][0] == "[1]"
    assert problems(q, [])[0][1].startswith("must list 1 to")


def test_vector_and_matrix_shapes() -> None:
    v = Param("x", "vector", [0.0, 0.0], shape=(2,))
    assert coerce(v, [1, 2.5]) == ((1.0, 2.5), [])
    assert problems(v, [1, 2, 3]) == [("", "must have 2 elements, got 3")]
    assert problems(v, [1, "a"]) == [("[1]", "must be a number, got string")]
    m = Param("W", "matrix", [[1.0]], shape=(None, 2))
    assert coerce(m, [[1, 2], [3, 4]]) == (((1.0, 2.0), (3.0, 4.0)), [])
    assert problems(m, [[1, 2], [3]]) == [("", "rows must all have the same, non-zero length")]
    assert problems(m, [[1, 2, 3]]) == [("", "must have shape nx2, got 1x3")]
    assert problems(m, [[1, True]]) == [("[0][1]", "must be a number, got boolean")]


def test_arrays_over_the_limit_are_refused_without_walking_them() -> None:
    v = Param("x", "vector", [0.0])
    assert "limit" in problems(v, [0.0] * (MAX_ARRAY_ELEMENTS + 1))[0][1]
    m = Param("W", "matrix", [[0.0]])
    assert "limit" in problems(m, [[0.0] * 100] * 100)[0][1]


def test_int_list() -> None:
    p = Param("hidden", "int_list", [8], min=1, max=256)
    assert coerce(p, [4, 4]) == ((4, 4), [])
    assert problems(p, [4, 0]) == [("[1]", "must be >= 1, got 0")]


def _spec() -> SceneSpec:
    def factory(values):
        class Model:
            def quantity(self, name: str) -> float:
                return values["a"] + values["b"]

        return Model()

    def check(values):
        return [("b", "must differ from a")] if values["a"] == values["b"] else []

    return SceneSpec(
        name="demo",
        summary="a + b",
        params=(Param("a", "float", 1.0), Param("b", "float", 2.0, max=5)),
        quantities=(Quantity("sum", "a + b"),),
        factory=factory,
        check=check,
    )


def test_spec_validate_fills_defaults_and_reports_unknown_keys() -> None:
    spec = _spec()
    values, probs = spec.validate({"a": 3})
    assert values == {"a": 3.0, "b": 2.0} and probs == []
    _, probs = spec.validate({"c": 1, "b": 9})
    assert ("b", "must be <= 5, got 9") in probs
    assert any(k == "c" and "unknown parameter" in m and "a, b" in m for k, m in probs)


def test_spec_cross_check_runs_after_per_param_checks() -> None:
    spec = _spec()
    assert spec.validate({"a": 2.0})[1] == [("b", "must differ from a")]
    with pytest.raises(ValueError, match="b: must differ from a"):
        spec.build({"a": 2.0})
    assert spec.build({"a": 1.5}).quantity("sum") == 3.5


def test_normalized_values_validate_again() -> None:
    """Tune settings are often the normalized tuples themselves: they must pass unchanged."""
    for p, value in [
        (Param("W", "matrix", [[1.0]]), [[1, 2], [3, 4]]),
        (Param("x", "vector", [0.0]), [1, 2]),
        (Param("hidden", "int_list", [8], min=1), [4, 4]),
        (Param("opts", "choice_list", ["sgd"], choices=("sgd", "adam")), ["adam"]),
    ]:
        once, errs = coerce(p, value)
        assert errs == []
        assert coerce(p, once) == (once, [])
