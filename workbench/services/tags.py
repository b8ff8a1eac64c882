"""The tag manager's edits: rename, move, merge, delete and colour tags, and count their claims.

Tags form a tree written as paths ("region/russia"); a claim shows its tags by path and the
reader paints a claim in the colour of its tags. So an edit of a parent tag changes what
every claim of its sub-tags shows too: each edit here rewrites the sub-tags' rows unchanged
(``TagRepository.touch``), which makes the change log name those claims, on the edit and on
its undo and redo alike. Run each edit through the undo controller's ``run_edit`` (one
journalled step); the command line runs them directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Tag
from ..storage.taxonomy import name_key, split_tag_path
from .project import Project

_HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


@dataclass(frozen=True, slots=True)
class TagCount:
    """A tag with how many claims carry it, and how many carry it or a tag below it."""

    tag: Tag
    depth: int
    own: int
    with_subtags: int


@dataclass(frozen=True, slots=True)
class TagEditResult:
    """What a tag edit did, in words for the status line, and the claims whose tags now read differently."""

    message: str
    claims: frozenset[int]


@dataclass(frozen=True, slots=True)
class DeleteImpact:
    tag: Tag
    claims: int  # distinct claims that lose the tag or one of its sub-tags
    subtags: int

    def describe(self) -> str:
        below = f" and its {self.subtags} sub-tag{'s' if self.subtags != 1 else ''}" if self.subtags else ""
        return (f"Delete the tag “{self.tag.path}”{below}? {self.claims} claim{'s' if self.claims != 1 else ''} "
                "will lose it; the claims themselves are kept.")


def resolve_tag(project: Project, ref: str | int) -> Tag:
    """A tag by id or by path (case and accents folded); a one-line error when there is none."""
    if isinstance(ref, int):
        return project.tags.get(ref)
    found = project.tags.find(ref)
    if found is None:
        raise NotFoundError(f"no tag {ref!r} (see 'workbench tag list')")
    return found


def tag_counts(project: Project) -> list[TagCount]:
    """Every tag in tree order (parents before children, by name), with its claim counts."""
    tags = project.tags.list()  # sorted by path, so a parent comes right before its children
    claims_by_tag = project.tags.claims_by_tag()
    subtree_claims: dict[int, set[int]] = {tag.id: set(claims_by_tag.get(tag.id, ())) for tag in tags}
    by_id = {tag.id: tag for tag in tags}
    for tag in tags:  # each tag's claims count for every ancestor's total
        parent = tag.parent_id
        while parent is not None:
            subtree_claims[parent] |= claims_by_tag.get(tag.id, set())
            parent = by_id[parent].parent_id
    return [TagCount(tag, tag.path.count("/"), len(claims_by_tag.get(tag.id, ())), len(subtree_claims[tag.id]))
            for tag in _tree_order(tags)]


def _tree_order(tags: list[Tag]) -> list[Tag]:
    children: dict[int | None, list[Tag]] = {}
    for tag in tags:
        children.setdefault(tag.parent_id, []).append(tag)
    ordered: list[Tag] = []

    def walk(parent: int | None) -> None:
        for tag in sorted(children.get(parent, ()), key=lambda t: name_key(t.name)):
            ordered.append(tag)
            walk(tag.id)

    walk(None)
    return ordered


def _subtree_claims(project: Project, tag_id: int) -> frozenset[int]:
    return frozenset(project.tags.claim_ids([tag_id, *project.tags.below(tag_id)]))


def _refuse_taken(project: Project, parent_id: int | None, name: str, moving: int) -> None:
    taken = project.tags.child_named(parent_id, name)
    if taken is not None and taken != moving:
        where = f"under “{project.tags.get(parent_id).path}”" if parent_id else "at the top level"
        raise InvalidInputError(f"there is already a tag “{name}” {where}: merge the two instead")


def rename_tag(project: Project, ref: str | int, new_name: str) -> TagEditResult:
    tag = resolve_tag(project, ref)
    name = new_name.strip()
    if not name or "/" in name:
        raise InvalidInputError("a tag's new name must be one level, without '/' (use move to re-parent it)")
    _refuse_taken(project, tag.parent_id, name, tag.id)
    project.tags.set_name(tag.id, name)
    project.tags.touch(project.tags.below(tag.id))
    claims = _subtree_claims(project, tag.id)
    new_path = "/".join([*tag.path.split("/")[:-1], name])
    return TagEditResult(f"Renamed “{tag.path}” to “{new_path}” ({_claims(claims)})", claims)


def move_tag(project: Project, ref: str | int, new_parent: str | int | None) -> TagEditResult:
    """Put a tag (with its sub-tags) under another tag, or at the top level when ``new_parent`` is None."""
    tag = resolve_tag(project, ref)
    parent = resolve_tag(project, new_parent) if new_parent not in (None, "") else None
    parent_id = parent.id if parent else None
    if parent_id is not None and (parent_id == tag.id or parent_id in project.tags.below(tag.id)):
        raise InvalidInputError(f"cannot move “{tag.path}” under itself or one of its own sub-tags")
    if parent_id == tag.parent_id:
        raise InvalidInputError(f"“{tag.path}” is already there")
    _refuse_taken(project, parent_id, tag.name, tag.id)
    project.tags.set_parent(tag.id, parent_id)
    project.tags.touch(project.tags.below(tag.id))
    claims = _subtree_claims(project, tag.id)
    where = f"under “{parent.path}”" if parent else "to the top level"
    return TagEditResult(f"Moved “{tag.path}” {where} ({_claims(claims)})", claims)


def merge_tags(project: Project, ref: str | int, into: str | int) -> TagEditResult:
    """Fold one tag into another: its claims get the other tag, its sub-tags move under the other (merging
    with sub-tags of the same name there), and the tag goes."""
    tag, target = resolve_tag(project, ref), resolve_tag(project, into)
    if tag.id == target.id:
        raise InvalidInputError("choose two different tags to merge")
    if target.id in project.tags.below(tag.id):
        raise InvalidInputError(f"cannot merge “{tag.path}” into its own sub-tag “{target.path}”")
    claims = _subtree_claims(project, tag.id)
    _merge_into(project, tag.id, target.id)
    return TagEditResult(f"Merged “{tag.path}” into “{target.path}” ({_claims(claims)})", claims)


def _merge_into(project: Project, tag_id: int, target_id: int) -> None:
    tags = project.tags
    tags.retag(tag_id, target_id)
    for child in [t for t in tags.list() if t.parent_id == tag_id]:
        namesake = tags.child_named(target_id, child.name)
        if namesake is not None:
            _merge_into(project, child.id, namesake)
        else:
            tags.set_parent(child.id, target_id)
            tags.touch(tags.below(child.id))
    tags.delete_tree(tag_id)


def delete_impact(project: Project, ref: str | int) -> DeleteImpact:
    """What deleting a tag would do, to say before it is done."""
    tag = resolve_tag(project, ref)
    return DeleteImpact(tag, len(_subtree_claims(project, tag.id)), len(project.tags.below(tag.id)))


def delete_tag(project: Project, ref: str | int) -> TagEditResult:
    """The tag and its sub-tags go, and their places on claims; the claims are kept."""
    impact = delete_impact(project, ref)
    claims = _subtree_claims(project, impact.tag.id)
    project.tags.delete_tree(impact.tag.id)
    below = f" and {impact.subtags} sub-tag{'s' if impact.subtags != 1 else ''}" if impact.subtags else ""
    return TagEditResult(f"Deleted “{impact.tag.path}”{below}; {_claims(claims)} lost it", claims)


def normalise_colour(text: str) -> str:
    """"#RRGGBB" in lower case from "#rgb", "rrggbb" and the like; "" (no colour) from blank."""
    text = text.strip()
    if not text or text.lower() in ("none", "-"):
        return ""
    match = _HEX_COLOUR.fullmatch(text)
    if match is None:
        raise InvalidInputError(f"bad colour {text!r}: use #RRGGBB, such as #2e86de, or 'none'")
    digits = match.group(1).lower()
    return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


def set_tag_colour(project: Project, ref: str | int, colour: str) -> TagEditResult:
    """A tag's colour paints the highlights of its claims, and of its sub-tags' claims that have none."""
    tag = resolve_tag(project, ref)
    value = normalise_colour(colour)
    project.tags.set_color(tag.id, value)
    project.tags.touch(project.tags.below(tag.id))
    claims = _subtree_claims(project, tag.id)
    said = f"now {value}" if value else "no longer coloured"
    return TagEditResult(f"“{tag.path}” is {said} ({_claims(claims)})", claims)


def create_tag(project: Project, path: str) -> TagEditResult:
    """Make a tag (and any missing parents) before any claim carries it."""
    parts = split_tag_path(path)
    if project.tags.find("/".join(parts)) is not None:
        raise InvalidInputError(f"there is already a tag “{'/'.join(parts)}”")
    project.tags.ensure(path)
    return TagEditResult(f"Added tag “{'/'.join(parts)}”", frozenset())


def _claims(claims: frozenset[int]) -> str:
    return f"{len(claims)} claim{'s' if len(claims) != 1 else ''}"
