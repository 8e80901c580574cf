"""The few Airflow classes the DAG uses, faked for tests (see ../README.md)."""

from __future__ import annotations

import re
import sys
from typing import Any, Callable

_NOTSET = object()


def _major() -> int:
    return int(str(sys.modules["airflow"].__version__).split(".")[0])


# -- Variables -----------------------------------------------------------------------------------------------------

class _VariableStore:
    values: dict[str, Any] = {}  # key -> stored text (JSON for deserialize_json); tests set it


def _get(key: str, default: Any, deserialize_json: bool) -> Any:
    import json

    if key not in _VariableStore.values:
        if default is _NOTSET:
            raise KeyError(f"Variable {key} does not exist")
        return default
    text = _VariableStore.values[key]
    return json.loads(text) if deserialize_json else text


class Variable2:
    """airflow.models.Variable (Airflow 2): get(key, default_var=..., deserialize_json=False)."""

    @classmethod
    def get(cls, key: str, default_var: Any = _NOTSET, deserialize_json: bool = False) -> Any:
        return _get(key, default_var, deserialize_json)


class Variable3:
    """airflow.sdk.Variable (Airflow 3): get(key, default=..., deserialize_json=False)."""

    @classmethod
    def get(cls, key: str, default: Any = _NOTSET, deserialize_json: bool = False) -> Any:
        return _get(key, default, deserialize_json)


def set_variables(values: dict[str, str]) -> None:
    _VariableStore.values = dict(values)


# -- Params, timetables ----------------------------------------------------------------------------------------------

class Param:
    def __init__(self, default: Any = None, description: str | None = None, **schema: Any):
        self.value = default
        self.description = description
        self.schema = schema


class CronDataIntervalTimetable:
    def __init__(self, cron: str, timezone: Any):
        self.cron = cron
        self.timezone = timezone


# -- DAG -------------------------------------------------------------------------------------------------------------

_DAG_KWARGS = {"dag_id", "description", "schedule", "start_date", "catchup", "max_active_runs", "default_args", "params",
               "user_defined_filters", "tags", "doc_md", "sla_miss_callback", "end_date", "dagrun_timeout"}


class DAG:
    _current: "DAG | None" = None

    def __init__(self, dag_id: str, **kwargs: Any):
        unknown = set(kwargs) - _DAG_KWARGS
        if _major() >= 3 and "sla_miss_callback" in kwargs:
            unknown.add("sla_miss_callback")
        if unknown:
            raise TypeError(f"DAG.__init__() got unexpected keyword argument(s) {sorted(unknown)}")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.default_args = kwargs.get("default_args") or {}
        self.params = kwargs.get("params") or {}
        self.user_defined_filters = kwargs.get("user_defined_filters") or {}
        self.task_dict: dict[str, BaseOperator] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["kwargs"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __enter__(self) -> "DAG":
        DAG._current = self
        return self

    def __exit__(self, *exc: Any) -> None:
        DAG._current = None

    @property
    def tasks(self) -> list["BaseOperator"]:
        return list(self.task_dict.values())

    def param_defaults(self) -> dict[str, Any]:
        return {k: (v.value if isinstance(v, Param) else v) for k, v in self.params.items()}


# -- operators -------------------------------------------------------------------------------------------------------

_OPERATOR_KWARGS = {"retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay", "execution_timeout",
                    "on_failure_callback", "owner", "depends_on_past", "doc_md", "sla", "pool"}


class BaseOperator:
    template_fields: tuple[str, ...] = ()
    own_kwargs: frozenset[str] = frozenset()

    def __init__(self, task_id: str, dag: DAG | None = None, **kwargs: Any):
        dag = dag or DAG._current
        if dag is None:
            raise RuntimeError(f"task {task_id} is not in a DAG")
        unknown = set(kwargs) - _OPERATOR_KWARGS - self.own_kwargs
        if _major() >= 3 and "sla" in kwargs:
            unknown.add("sla")
        if unknown:
            raise TypeError(f"Invalid arguments were passed to {type(self).__name__} (task_id: {task_id}): {sorted(unknown)}")
        if task_id in dag.task_dict:
            raise ValueError(f"duplicate task id {task_id}")
        merged = {k: v for k, v in dag.default_args.items() if k in _OPERATOR_KWARGS}
        merged.update(kwargs)
        self.task_id = task_id
        self.dag = dag
        self.kwargs = merged
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        dag.task_dict[task_id] = self

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["kwargs"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __rshift__(self, other: "BaseOperator") -> "BaseOperator":
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        return other

    def render(self, context: dict[str, Any]) -> dict[str, Any]:
        """The template fields rendered for ``context`` (``ds``, ``params``)."""
        return {f: render(self.kwargs.get(f), context, self.dag.user_defined_filters) for f in self.template_fields}


class BashOperator(BaseOperator):
    template_fields = ("bash_command", "env")
    own_kwargs = frozenset({"bash_command", "env", "append_env"})


class PythonSensor(BaseOperator):
    template_fields = ("op_args", "op_kwargs")
    own_kwargs = frozenset({"python_callable", "op_args", "op_kwargs", "mode", "poke_interval", "timeout", "soft_fail"})


class SparkSubmitOperator(BaseOperator):
    template_fields = ("application", "application_args", "name", "conf")
    own_kwargs = frozenset({"application", "java_class", "application_args", "conn_id", "name", "conf", "verbose"})


# -- templates -------------------------------------------------------------------------------------------------------

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)


class _Attrs(dict):
    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _split_filters(expression: str) -> list[str]:
    parts, current, quote = [], [], None
    for ch in expression:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "|":
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def render(template: Any, context: dict[str, Any], filters: dict[str, Callable[[Any], Any]]) -> Any:
    if isinstance(template, str):
        if "{%" in template:
            raise ValueError(f"the fake renders expressions only, not statements: {template!r}")

        def evaluate(m: re.Match) -> str:
            base, *names = _split_filters(m.group(1))
            namespace = {"ds": context["ds"], "params": _Attrs(context["params"])}
            value = eval(base, {"__builtins__": {}}, namespace)  # noqa: S307 - test helper, our own templates
            for name in names:
                value = filters[name](value)
            return str(value)

        return _EXPRESSION.sub(evaluate, template)
    if isinstance(template, (list, tuple)):
        return type(template)(render(t, context, filters) for t in template)
    if isinstance(template, dict):
        return {k: render(v, context, filters) for k, v in template.items()}
    return template
