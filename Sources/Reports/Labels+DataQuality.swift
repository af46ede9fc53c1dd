import ScorecardModel
import ScorecardIngest
import ScorecardMetrics

/// The data-quality words in the report's language (SPEC §4.1.1: "every label of the
/// Chinese report is Chinese, data quality included: file roles, delimiters, reasons").
extension Labels {
    package func entity(_ e: Entity) -> String {
        guard language == .zhCN else { return e.rawValue }
        switch e {
        case .managers: return "经理"
        case .customers: return "客户"
        case .orders: return "订单"
        case .visits: return "拜访"
        case .complaints: return "投诉"
        case .surveys: return "满意度调查"
        case .serviceRequests: return "报修"
        case .visitPlans: return "拜访计划"
        case .targets: return "目标"
        case .submissions: return "上交记录"
        case .teams: return "组织架构"
        }
    }

    /// What a report leaves out when an optional export is missing (SPEC §2.7, "Absent is not zero").
    package func absent(_ e: Entity) -> String? {
        let zh = language == .zhCN
        switch e {
        case .visits: return zh ? "未提供拜访数据：拜访覆盖率不计入得分，不列出未拜访客户，拜访定额与计划不计算。"
            : "No visits export: coverage is left out of every score, and no unvisited customers are listed; visit quotas and plans are not computed."
        case .complaints: return zh ? "未提供投诉数据：投诉时效不计入得分。" : "No complaints export: complaint SLA is left out of every score."
        case .surveys: return zh ? "未提供满意度调查数据：满意度不计入得分。" : "No surveys export: satisfaction is left out of every score."
        case .serviceRequests: return zh ? "未提供报修数据：报修回访不计算。" : "No service requests export: repair follow-ups are not computed."
        case .visitPlans: return zh ? "未提供拜访计划：计划执行率不计算。" : "No visit plans export: plan execution is not computed."
        default: return nil
        }
    }

    package func delimiter(_ d: String) -> String {
        guard language == .zhCN else { return d }
        switch d {
        case "tab": return "制表符"
        case "semicolon": return "分号"
        case "comma": return "逗号"
        default: return d
        }
    }

    /// A column of an entity by its Chinese header (`customer_id` → 客户编号) in the Chinese report.
    package func column(_ name: String, of entity: Entity?) -> String {
        guard language == .zhCN, let entity, let spec = entity.columns.first(where: { $0.name == name }) else { return name }
        return spec.chineseName
    }

    /// A column by name in the Chinese report, whichever entity has it (`visit_end` → its Chinese
    /// header); the name itself in English, or when no entity has it.
    package func anyColumn(_ name: String) -> String {
        guard language == .zhCN else { return name }
        for entity in Entity.allCases { if let spec = entity.columns.first(where: { $0.name == name }) { return spec.chineseName } }
        return name
    }

    /// A reject kind (`RejectReason.kind`), as the top reasons list them.
    package func rejectKind(_ kind: String) -> String {
        guard language == .zhCN else { return kind }
        let words = [
            "missing required value": "缺少必填值", "unparseable date/time": "日期时间无法识别", "unparseable number": "数字无法识别",
            "out of range": "超出范围", "not a whole number": "不是整数", "negative value": "负值", "unknown value": "无法识别的取值",
            "end before start": "结束早于开始", "in the future": "时间晚于当前", "unknown customer": "客户不在名单中",
            "unknown manager": "经理不在名单中", "duplicate key": "编号重复", "wrong number of values": "字段数与表头不符",
            "undecodable text": "文字编码有误", "value too long": "内容过长", "value too large": "数值过大", "unknown period": "期间无法识别",
            "id changed by Excel": "编号被Excel改写", "foreign currency": "外币未换算", "year missing": "缺少年份", "line of another customer": "明细行客户不一致",
        ]
        return words[kind] ?? kind
    }

    /// One rejected row's reason, with its value.
    package func rejectReason(_ r: RejectReason) -> String {
        guard language == .zhCN else { return r.description }
        switch r {
        case .missingValue: return "缺少必填值"
        case .unparseableDate(let v):
            return "日期时间无法识别：'\(v)'" + (Moment.looksYearLast(v) ? "（年份在后：请在流水线文件中为此文件指定日期顺序：月日年或日月年）" : "")
        case .unparseableNumber(let v): return "数字无法识别：'\(v)'"
        case .outOfRange(let v, let range): return "取值 '\(v)' 超出范围 \(range.lowerBound)–\(range.upperBound)"
        case .notWholeNumber(let v): return "取值 '\(v)' 不是整数"
        case .negative(let v): return "负值 '\(v)'"
        case .unknownValue(let v, let expected): return "无法识别的取值 '\(v)'（应为 \(expected.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: "、"))）"
        case .endBeforeStart(let end, let start): return "\(anyColumn(end))早于\(anyColumn(start))"
        case .inFuture(let v): return "'\(v)' 晚于运行时间"
        case .unknownCustomer(let id): return "客户 '\(id)' 不在客户名单中"
        case .unknownManager(let id): return "经理 '\(id)' 不在经理名单中"
        case .duplicate(let file, let line): return "编号重复：已由 \(file) 第 \(line) 行取代"
        case .wrongValueCount(let found, let header): return "有 \(found) 个字段，表头为 \(header) 列（分隔符未加引号或行被截断？）"
        case .undecodableText: return "含有不符合文件编码的字节"
        case .tooLong(let bytes): return "内容 \(bytes) 字节，超过单元格容量"
        case .tooLarge(let v): return "数值 '\(v)' 超过 10^13（十万亿；单位或列是否有误？请检查流水线文件中的换算倍数）"
        case .cellTooLong(let units): return "文字 \(units) 字符，超过单元格容量（\(CellLimit.units)）"
        case .unknownPeriod(let v): return "'\(v)' 不是期间"
        case .idChangedByExcel(let v): return "编号被Excel改写：'\(v)' 为科学计数法，末几位已丢失（请将该列导出为文本）"
        case .foreignCurrency(let code, let expected): return "币种 \(code)，应为 \(expected)（请在流水线文件中给出汇率）"
        case .lineOfOtherCustomer(let order, let customer, let first): return "订单 \(order) 的明细行客户为 \(customer)，其首行为 \(first)"
        case .yearMissing(let v, let entity): return "日期 '\(v)' 没有年份：请在流水线文件中为\(Entity(rawValue: entity).map(self.entity) ?? "该文件")给出默认年份"
        case .recorded(let description, _): return description
        }
    }
}

extension Labels {
    /// What the teams export said that the tree could not take as it was (SPEC §2.3, §4.4).
    package func teamNote(_ note: TeamTree.Note) -> String {
        let zh = language == .zhCN
        switch note {
        case .unknownParent(let team, let parent):
            return zh ? "组织架构：\(team) 的上级“\(parent)”不是导出中的团队编号或唯一名称，已按顶级团队计。"
                : "Teams export: the parent '\(parent)' of \(team) is neither a team id nor a name only one team has; \(team) is taken as a top team."
        case .cycle(let teams):
            return zh ? "组织架构：\(teams.joined(separator: "、")) 的上级互相循环，已将 \(teams[0]) 按顶级团队计。"
                : "Teams export: the parents of \(teams.joined(separator: ", ")) go round in a circle; \(teams[0]) is taken as a top team."
        case .notInExport(let team):
            return zh ? "组织架构：经理所属的“\(team)”不在组织架构导出中，单独列出。"
                : "Teams export: managers name the team '\(team)', which the export lacks; it is listed on its own."
        }
    }
}
