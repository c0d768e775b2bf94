"""The UI's own words (not the lessons'): every label, key name and message, in en and ko."""

from __future__ import annotations

LANGS = ("en", "ko")

_STRINGS: dict[str, tuple[str, str]] = {
    # app / chrome
    "app_title": ("tui9 · Deep Neural Networks 1", "tui9 · 심층 신경망 1"),
    "too_small": (
        "The terminal is too small.\nMake it at least 60 x 20 (80 x 24 is best).\nq quits.",
        "터미널이 너무 작습니다.\n최소 60 x 20 (권장 80 x 24) 으로 늘려 주세요.\nq 종료.",
    ),
    "other_lang": ("한국어", "English"),
    "error_title": ("Something went wrong", "문제가 생겼습니다"),
    "error_body": (
        "{error}\nYour progress is saved. Details: {log}",
        "{error}\n진행 상황은 저장되어 있습니다. 자세한 내용: {log}",
    ),
    "notice_title": ("Progress", "진행 상황"),
    "welcome_back": (
        "Welcome back: {title}, step {step} / {total}",
        "다시 오셨군요: {title}, {step} / {total} 단계",
    ),
    # keys (footer labels)
    "k_open": ("open", "열기"),
    "k_next": ("next", "다음"),
    "k_prev": ("prev", "이전"),
    "k_hint": ("hint", "힌트"),
    "k_reset": ("reset", "초기화"),
    "k_play": ("play", "재생"),
    "k_step": ("step", "한 단계"),
    "k_lang": ("한국어", "English"),
    "k_help": ("help", "도움말"),
    "k_back": ("back", "뒤로"),
    "k_map": ("map", "지도"),
    "k_quit": ("quit", "종료"),
    "k_settings": ("settings", "설정"),
    "k_answer": ("answer", "답하기"),
    "k_leave_answer": ("leave field", "입력 나가기"),
    "k_next_lesson": ("next lesson", "다음 레슨"),
    "k_retry": ("replay", "다시 하기"),
    "k_yes": ("yes", "예"),
    "k_no": ("no", "아니오"),
    # home
    "score": (
        "score {score:,} · stars {stars}/{stars_max}",
        "점수 {score:,} · 별 {stars}/{stars_max}",
    ),
    "st_locked": ("locked · finish {req} first", "잠김 · 먼저 {req} 완료"),
    "st_open": ("open", "열림"),
    "st_in_progress": ("in progress · step {step}/{total}", "진행 중 · {step}/{total} 단계"),
    "st_done": ("done", "완료"),
    "st_broken": ("broken", "오류"),
    "locked_msg": (
        "Finish {req} first (or turn on 'unlock all' in settings).",
        "먼저 {req} 을(를) 완료하세요 (설정에서 '모두 열기' 가능).",
    ),
    "broken_msg": (
        "This lesson file has a problem:\n{problem}",
        "이 레슨 파일에 문제가 있습니다:\n{problem}",
    ),
    "no_lessons": ("No lessons found.", "레슨을 찾지 못했습니다."),
    "home_hint": ("enter opens the highlighted lesson", "enter 로 선택한 레슨을 엽니다"),
    # lesson
    "step_of": ("step {i} / {n}", "{i} / {n} 단계"),
    "scene_missing": (
        "(scene '{name}' is not available)",
        "(장면 '{name}' 을(를) 표시할 수 없습니다)",
    ),
    "scene_error": (
        "(the scene could not be built: {error})",
        "(장면을 만들 수 없습니다: {error})",
    ),
    "answer_first": (
        "Answer the challenge first (h for a hint).",
        "먼저 문제에 답하세요 (h 힌트).",
    ),
    "first_step": ("This is the first step.", "첫 단계입니다."),
    "no_more_hints": ("No more hints for this question.", "이 문제의 힌트는 더 없습니다."),
    "no_challenge_hint": (
        "Hints are for challenges; this step has none.",
        "힌트는 문제에만 있습니다. 이 단계에는 문제가 없습니다.",
    ),
    "nothing_to_play": (
        "This scene has no animation; . steps it.",
        "이 장면에는 애니메이션이 없습니다. . 으로 한 단계씩 진행합니다.",
    ),
    "playing": ("playing", "재생 중"),
    "paused": ("paused", "일시 정지"),
    # challenge
    "challenge": ("challenge", "문제"),
    "numeric_placeholder": ("type a number, then enter", "숫자를 입력하고 enter"),
    "numeric_help": (
        "enter (or just type) to answer · esc back to the scene · h hint",
        "enter (또는 바로 입력) 로 답하기 · esc 장면으로 · h 힌트",
    ),
    "choice_help": (
        "enter to choose (up/down, enter) · esc back to the scene · h hint",
        "enter 로 고르기 (위/아래, enter) · esc 장면으로 · h 힌트",
    ),
    "tune_help": (
        "enter to edit the values, then enter or run · esc back to the scene",
        "enter 로 값 바꾸기, 그다음 enter 또는 실행 · esc 장면으로",
    ),
    "run": ("run", "실행"),
    "right": ("Right!", "정답!"),
    "wrong": ("Not quite.", "아쉽네요."),
    "expected_was": ("The answer is {expected}.", "정답은 {expected} 입니다."),
    "you_gave": (
        "You answered {given}; the scene computes {expected}.",
        "입력한 값 {given}, 장면이 계산한 값 {expected}.",
    ),
    "explain_next_time": (
        "Another miss and the worked explanation is shown.",
        "한 번 더 틀리면 풀이를 보여 줍니다.",
    ),
    "try_again_field": (
        "Try again, or press esc then h for a hint.",
        "다시 해 보세요. esc 다음 h 를 누르면 힌트가 나옵니다.",
    ),
    "try_again": (
        "Try again, or press h for a hint.",
        "다시 해 보세요. h 를 누르면 힌트가 나옵니다.",
    ),
    "invalid_number": (
        "'{given}' is not a number I can read (try -0.25, 1e-3 or 1/4).",
        "'{given}' 은(는) 숫자로 읽을 수 없습니다 (예: -0.25, 1e-3, 1/4).",
    ),
    "pick_option": ("Pick one of the options.", "보기 중 하나를 고르세요."),
    "goal_reached": ("Goal reached: {q} = {value}.", "목표 달성: {q} = {value}."),
    "goal_missed": ("Not yet: {q} = {value}.", "아직입니다: {q} = {value}."),
    "bad_setting": ("{name}: {error}", "{name}: {error}"),
    "hint_n": ("Hint {i}", "힌트 {i}"),
    "solved_next": (
        "Solved. Press n or right for the next step.",
        "해결했습니다. n 또는 → 로 다음 단계.",
    ),
    "stars_now": ("{stars}", "{stars}"),
    # results
    "results_title": ("Lesson complete", "레슨 완료"),
    "r_stars": ("stars", "별"),
    "r_mistakes": ("mistakes", "실수"),
    "r_hints": ("hints used", "사용한 힌트"),
    "r_time": ("time", "시간"),
    "r_new_best": ("New best!", "최고 기록!"),
    "r_unlocked": ("Unlocked: {titles}", "열림: {titles}"),
    "r_next": ("enter: next lesson · {title}", "enter: 다음 레슨 · {title}"),
    "r_last": (
        "That was the last lesson of the chapter. Well done!",
        "이 장의 마지막 레슨이었습니다. 수고하셨습니다!",
    ),
    # settings
    "settings_title": ("Settings", "설정"),
    "s_language": ("Language", "언어"),
    "s_theme": ("Theme", "테마"),
    "s_unlock_all": ("Unlock all lessons", "모든 레슨 열기"),
    "s_reset": ("Reset progress…", "진행 상황 초기화…"),
    "s_close": ("esc closes", "esc 닫기"),
    "confirm_reset": (
        "Erase all progress (stars, steps, attempts)? This cannot be undone.",
        "모든 진행 상황(별, 단계, 기록)을 지울까요? 되돌릴 수 없습니다.",
    ),
    "reset_done": ("Progress reset.", "진행 상황을 초기화했습니다."),
    # help
    "help_title": ("Help", "도움말"),
    # palette
    "p_goto": ("Go to lesson: {n} {title}", "레슨으로 이동: {n} {title}"),
    "p_goto_help": ("Open this lesson", "이 레슨을 엽니다"),
    "p_lang": ("Switch language (English / 한국어)", "언어 바꾸기 (English / 한국어)"),
    "p_lang_help": ("Keeps your place", "현재 위치를 유지합니다"),
    "p_reset": ("Reset progress", "진행 상황 초기화"),
    "p_reset_help": ("Erase stars and steps (asks first)", "별과 단계를 지웁니다 (먼저 확인)"),
    "p_settings": ("Settings", "설정"),
    "p_settings_help": ("Language, theme, unlock all, reset", "언어, 테마, 모두 열기, 초기화"),
    "p_help": ("Help", "도움말"),
    "p_help_help": ("Keys and how to play", "키와 플레이 방법"),
    "p_map": ("Lesson map", "레슨 지도"),
    "p_map_help": ("Back to the chapter map", "장 지도로 돌아갑니다"),
}


def tr(key: str, lang: str, **fmt: object) -> str:
    """The UI string ``key`` in ``lang`` (Korean falls back to English), formatted with ``fmt``."""
    en, ko = _STRINGS[key]
    text = ko if lang == "ko" and ko else en
    return text.format(**fmt) if fmt else text


def other_lang(lang: str) -> str:
    """The language ``l`` switches to."""
    return "en" if lang == "ko" else "ko"


def keys() -> list[str]:
    """Every string key (for tests)."""
    return list(_STRINGS)
