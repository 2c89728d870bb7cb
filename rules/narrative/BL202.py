from __future__ import annotations

from linter.reconcile import IssueRule


class NarrativeSumMismatch(IssueRule):
    """The parts the narrative lists do not add up to the total it states.

    *What it does*: for a stated total followed by its parts (其中 / 包括; A、B分别为 / 各是 /
    依次为X、Y万元) in the same paragraph — or in the numbered paragraphs after a paragraph that
    ends in a colon (…X万元，具体如下：), or in the paragraph after a total printed on a line of its
    own (（一）政府采购预算X万元) — adds the parts along the item compositions in data/items.json (收入 = its
    sources; 支出 = 基本 + 项目; 基本 = 人员 + 公用; “三公” = 出国 + 公车 + 接待; 公车 =
    购置 + 运行) and compares with the interval rule; likewise the 科目 classes (…（类）X万元)
    listed under a total (主要用于以下方面：…). Parts that exceed the total are always wrong;
    parts short of the total are wrong only when every part was listed (for 科目: every class
    with an amount in the total's own table), or when the text states its list as the whole
    breakdown (data/listings.json): the parts close with the total (…，合计X), or follow it with
    nothing that selects (其中 / 包括 / 主要) — right after it, after 分别为, in numbered lines after
    具体如下： / 构成如下：, or after a total word in its own clause (政府采购预算共计X万元，货物…、服务…: 工程 is nil). A 其中 list of some parts
    is never summed as complete; an amount in a clause or sentence opening with 另有 / 此外, or
    in a sentence after a finished list, stands beside the total. An integer printed among
    amounts of the same unit with decimals (0万元 beside 0.8万元) is read at the listing's
    precision. A list closed by 合计X with no subject of its own (货物3.98万元，工程2.16万元，
    合计6.44万元) is the total of the smallest item whose composition holds the parts; a closing
    total after a single part (服务类2.26万元，政府采购决算合计2.6万元) must equal it, unless the
    list began in the paragraph before or in numbered paragraphs.

    *Why it matters*: a total that its own breakdown contradicts cannot be right; usually one
    part was edited and the others were not.

    *Bad*:
        预算收入107.54万元，其中：一般公共预算收入95.54万元，基金预算收入18万元，财政专户核拨收入0万元

    *Good*:
        预算收入107.54万元，其中：一般公共预算收入107.54万元，基金预算收入0万元，财政专户核拨收入0万元
    """

    code = "BL202"
    name = "narrative-sum-mismatch"
    severity = "error"
    kinds = ('sum',)
