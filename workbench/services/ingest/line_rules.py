"""What one line of a pasted or saved article is, judged on its own words.

Each rule recognises a kind of clutter that has a shape of its own whatever site it
came from: a teaser for another story ("Related: …", "📖 …"), a newsletter pitch, a
share bar, a comment prompt, navigation chrome ("top of page", "Back to top", "More
Stories"), a list of social networks, an image file name or a stray caption word.
Every rule is capped in length, and the ones that need a subject ("Related:" must be
followed by what it relates to) ask for one, so a sentence of the article does not
match by accident. Rules that are only safe at the edges of a text (a menu, a
copyright line, a single navigation word) are kept apart in ``edge_reason``.
"""

from __future__ import annotations

import re
import unicodedata

TEASER = "teaser"
PITCH = "newsletter or subscription pitch"
SHARE = "share buttons"
COMMENTS = "comment prompt"
CHROME = "site chrome"
PAGE_NUMBER = "page number"
NAVIGATION = "navigation"
CAPTION = "image caption remnant"
NETWORKS = "social network links"
STORY_LIST = "list of other stories"
READING_TIME = "reading time"
HASHTAGS = "hashtags"

SHORT = 300  # characters: longer lines are prose, whatever words they start with

_TEASER = re.compile(
    r"^\W*(don'?t miss|do not miss|must read|related( articles?| stories| news| reading| coverage)?|"
    r"read (more|also|next)( (about|on))?|also read|further reading|see also|recommended( for you| reading)?|"
    r"more on this( story| topic)?|you may (also )?like|you might (also )?like|more from|trending( now)?|"
    r"most read|popular now|editor'?s picks|watch|listen|explore|read the full story|continue reading|"
    r"sponsored( content)?|promoted|partner content|paid (post|content)|advertisement|"
    r"читайте (также|еще|ещё|далее)|смотрите также|по теме|рекомендуем|популярное|не пропустите|реклама|"
    r"相关(阅读|新闻|文章)|延伸阅读|推荐阅读|热门文章|更多阅读|lea también|leia também)"
    r"\s*[:：»>|—–-]\s*\S", re.IGNORECASE)
# A pitch opens with an imperative and names what it sells: "Sign up for our newsletter".
_PITCH_START = re.compile(
    r"^\W*(subscribe\b|sign up\b|register\b|get (our|the|a)\b|join (us|our|the)\b|become a\b|download\b|"
    r"follow us\b|support (our|independent|us)\b|don'?t forget to\b|stay (ahead|informed|up to date)\b|"
    r"never miss\b|want (more|the latest)\b|like (this|what you)\b|enjoy(ed|ing)? this\b|thanks? (you )?for reading\b|"
    r"подпишитесь|подписывайтесь|присоединяйтесь|订阅|关注我们|扫码)", re.IGNORECASE)
_PITCH_MARKER = re.compile(
    r"(newsletter|inbox|subscri|sign up|membership|member\b|our app|telegram|whatsapp|channel|follow us|"
    r"journalism|briefing|digest|mailing list|every (morning|week|day|friday|monday)|подпис|канал|рассылк|"
    r"订阅|关注|公众号)", re.IGNORECASE)
_NETWORK = (r"(facebook|twitter|x|linkedin|instagram|youtube|telegram|whatsapp|vk|vkontakte|вконтакте|"
            r"одноклассники|ok|дзен|reddit|tiktok|pinterest|threads|mastodon|bluesky|rss|email|e-mail|"
            r"flipboard|pocket|weibo|wechat|微博|微信|qq|xing|tumblr|snapchat|viber|messenger|line)")
_SHARE_WORD = (rf"(share( this( article| story| page)?)?( on)?|tweet|post|print|copy link|link copied|"
               rf"поделиться|分享|{_NETWORK})")
_SHARE = re.compile(rf"^(\W*{_SHARE_WORD}\W*)+$", re.IGNORECASE)
_FOLLOW = re.compile(rf"^\W*(follow|find|connect with) us( on)?\W*({_NETWORK}\W*)*$", re.IGNORECASE)
_COMMENTS = re.compile(
    r"^\W*(\d+\s+)?(comments?|leave a (comment|reply)|join the (discussion|conversation)|add a comment|"
    r"show comments|view comments|what do you think\??.{0,60}comments|комментари[ийея]\w*|"
    r"оставьте комментарий|评论|发表评论)\W*(\(\d+\)|\d+)?\W*$", re.IGNORECASE)
# Navigation that names itself: safe anywhere, it is never a sentence.
_NAVIGATION = re.compile(
    r"^\W*(top of (the )?page|bottom of (the )?page|back to (the )?top|scroll to top|go to top|to top|"
    r"skip to (main )?(content|navigation)|jump to (content|navigation)|main menu|toggle navigation|"
    r"open menu|close menu|more stories|more news|more articles|latest (news|stories)|next article|"
    r"previous article|next story|previous story|advertisement|advert|sponsored( content)?|"
    r"(click|tap) to enlarge|view (full )?gallery|loading\.*|print this (page|article)|"
    r"listen to (this )?article|наверх|в начало|реклама|все новости|еще новости|ещё новости|返回顶部)\W*$",
    re.IGNORECASE)
_CHROME = re.compile(
    r"(©|\(c\)\s*\d{4}|copyright|all rights reserved|все права защищены|版权所有|privacy policy|cookie|"
    r"terms (of use|and conditions|of service)|contact us|about us|advertise with us|(media|press) (enquiries|inquiries|contact)|"
    r"для сми|views expressed (in|here)|do not necessarily (reflect|represent)|^(this|the) (article|story|interview|piece|post|report) (has been|was) (edited|updated|corrected|amended|"
    r"condensed)|политика конфиденциальности|"
    r"пользовательское соглашение|联系我们|关于我们|隐私政策|back to top|наверх|返回顶部)", re.IGNORECASE)
_TAGS = re.compile(r"^\W*(tags|topics|filed under|categories|теги|метки|рубрики)\s*:\s*\S.{0,150}$",
                   re.IGNORECASE)
_MENU_SEPARATORS = re.compile(r"\s*[|·•›»/]\s*|\s{2,}")
_PAGE_NUMBER = re.compile(r"^\W*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"^\W*((image|photo|picture|file|фото)\s*[:：]\s*)?[\w.%~+-]+\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(\s*\(\d.*\))?\W*$",
                         re.IGNORECASE)
_CAPTION_WORD = re.compile(
    r"^\W*(image|images|photo|photos|picture|pictures|caption|illustration|video|gallery|credit|credits|"
    r"getty( images)?|reuters|afp|ap|epa|shutterstock|alamy|istock|file photo|фото|фотография|иллюстрация|"
    r"видео|图片|照片)\W*$", re.IGNORECASE)
_CREDIT = re.compile(r"^\W*(photo|image|picture|illustration|credit|фото|иллюстрация)\s*(credit)?\s*[:：]"
                     r"\s*[^.!?]{1,60}$", re.IGNORECASE)
_HASHTAGS = re.compile(r"^(#\w+[\s,;·]*){1,12}$")
_READING_TIME = re.compile(
    r"^\W*(\d{1,3}\s*(-|–)?\s*(min(ute)?s?|мин(ут[аы]?)?\.?)\s*(read|reading|чтения|на чтение)?|"
    r"(reading time|время чтения)\s*:?\s*\d{1,3}\s*\w*\.?)\W*$", re.IGNORECASE)
_STORY_LIST_HEAD = re.compile(
    r"^\W*(more stories|more news|related( articles| stories| news| content| coverage| reading)?|"
    r"recommended( for you| reading| stories)?|you (may|might) (also )?(like|be interested in)|read (more|next)|"
    r"further reading|most (read|popular|viewed)|latest( news| stories| articles)?|trending( now)?|"
    r"editor'?s picks|top stories|what to read next|more from [\w ]{1,40}|"
    r"читайте (также|еще|ещё)|смотрите также|по теме|популярное|другие новости|самое (читаемое|популярное)|"
    r"последние новости)\W*$", re.IGNORECASE)
# A single word of site navigation; chrome only at the very top or bottom of a text.
_NAV_WORDS = frozenset("""
home menu search login log-in sign-in signin logout register subscribe account newsletters newsletter podcasts
podcast events news world politics business economy technology tech science opinion sport sports culture video
videos live about contact share close skip more sections main careers jobs advertise help faq sitemap imprint
impressum accessibility archive donate главная меню поиск войти выйти новости подписаться подписка контакты
вакансии реклама
""".split()) | {"log in", "sign in", "sign up", "my account", "all news", "в мире", "все новости", "about us", "contact us",
                    "о нас", "terms of service", "terms of use", "work with us", "follow us"}

_SENTENCE_END = (".", "!", "?", "…", ".»", ".\"", ".”", "!»", "?»", ".'", ".)", "。", "！", "？", "。”", "」")


def is_emoji(ch: str) -> bool:
    """Pictographs and symbols that lead a teaser ("✨", "📖", "🔥"), not letters, digits or quotes."""
    if not ch:
        return False
    code = ord(ch)
    return (0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF
            or (unicodedata.category(ch) == "So" and code > 0x2000))


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    """Words split by spaces; Chinese and Japanese, written without them, count about one word per two characters."""
    words = len(line.split())
    if line.isascii():
        return words
    return words + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A sentence or more: a dozen words that end as a sentence ends, or anything long."""
    if len(line) > 200:
        return True
    return word_count(line) >= 12 and line.rstrip().endswith(_SENTENCE_END)


def is_menu(line: str) -> bool:
    """A line of short links: "Home | World | Business | Tech"."""
    parts = [p for p in _MENU_SEPARATORS.split(line.strip()) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 3 and len(p) <= 30 for p in parts)


def _emoji_teaser(line: str) -> bool:
    """A short line led by a pictograph and naming something: "📖 How India won its fabs"."""
    stripped = line.lstrip()
    if not stripped or not is_emoji(stripped[0]) or len(line) > 180:
        return False
    rest = stripped.lstrip("".join(c for c in stripped[:4] if is_emoji(c) or c in " \ufe0f\u200d:-–—|"))
    return is_headline_like(rest)  # a headline, not a sentence: "🔋 Power is cheap near nuclear plants." stays


def _names_a_story(line: str) -> bool:
    """What follows "Related:" is a headline (or a few words), not a sentence of the article."""
    rest = re.split(r"[:：»>|—–-]", line, maxsplit=1)[-1].strip()
    return word_count(rest) <= 8 or not rest.endswith((".", ".»", '."', ".”"))


def is_emoji_led(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and is_emoji(stripped[0])


def is_marked_teaser(line: str) -> bool:
    return bool(_TEASER.match(line))


def _network_list(line: str) -> bool:
    return bool(_SHARE.match(line)) or bool(_FOLLOW.match(line))


def line_reason(line: str, paged: bool = False) -> str | None:
    """Why a line is clutter wherever it stands, or None. ``line`` is stripped, one line, no break."""
    if len(line) > SHORT:
        return None
    if _network_list(line):
        return SHARE if re.search(r"share|tweet|print|поделиться|分享", line, re.IGNORECASE) else NETWORKS
    if _COMMENTS.match(line):
        return COMMENTS
    if (_TEASER.match(line) and _names_a_story(line)) or _emoji_teaser(line):
        return TEASER
    if len(line) <= 200 and _PITCH_START.match(line) and _PITCH_MARKER.search(line):
        return PITCH
    if _NAVIGATION.match(line):
        return NAVIGATION
    if _IMAGE_FILE.match(line) or _CAPTION_WORD.match(line) or _CREDIT.match(line):
        return CAPTION
    if _READING_TIME.match(line):
        return READING_TIME
    if _HASHTAGS.match(line):
        return HASHTAGS
    if paged and _PAGE_NUMBER.match(line):
        return PAGE_NUMBER
    return None


def is_story_list_head(line: str) -> bool:
    """The heading of a list of other stories ("More Stories", "Читайте также")."""
    return len(line) <= 60 and bool(_STORY_LIST_HEAD.match(line))


def is_headline_like(line: str) -> bool:
    """A short line that could name a story: not a sentence, a few words."""
    return (2 <= word_count(line) <= 25 and len(line) <= 180 and not is_prose(line)
            and not line.rstrip().endswith((".", ".»", '."', ".”")))


def edge_reason(line: str) -> str | None:
    """Chrome that is only taken at the very top or bottom of a text: menus, copyright, nav words, tags."""
    if len(line) > 200 or is_prose(line):
        return None
    if not re.search(r"\w", line):  # a rule or a row of stars at the edge: "---", "* * *"
        return CHROME
    if _CHROME.search(line) or _TAGS.match(line):
        return CHROME
    if is_menu(line):
        return NAVIGATION
    if line.strip(" \t.:|•·»>").casefold() in _NAV_WORDS:
        return NAVIGATION
    return None
