import CXLSXWriter

/// One native chart of an `XLSXWorkbook` as the report sees it: series over cells of a
/// sheet, a title, a legend and two axes. The workbook owns the `lxw_chart` (freed with
/// it); this holds its handle, beside `XLSXWorkbook` and `XLSXSheet` the only ones that do.
/// Placed on a sheet with `XLSXSheet.insert(_:row:column:xScale:yScale:)`.
package final class XLSXChart {
    /// The chart types the reports draw.
    package enum Kind {
        case column, bar, stackedBar, line

        package var type: UInt8 {
            switch self {
            case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
            case .bar: return UInt8(LXW_CHART_BAR.rawValue)
            case .stackedBar: return UInt8(LXW_CHART_BAR_STACKED.rawValue)
            case .line: return UInt8(LXW_CHART_LINE.rawValue)
            }
        }

        /// In a bar chart the categories run up the y axis and the values along the x axis.
        package var isHorizontal: Bool { self == .bar || self == .stackedBar }
    }

    /// Where the legend stands.
    package enum Legend {
        case none, bottom, right

        package var position: UInt8 {
            switch self {
            case .none: return UInt8(LXW_CHART_LEGEND_NONE.rawValue)
            case .bottom: return UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
            case .right: return UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
            }
        }
    }

    /// A block of cells of a sheet (zero-based rows and columns, as the report numbers them).
    package struct Cells {
        package var rows: ClosedRange<Int>
        package var columns: ClosedRange<Int>
    }

    /// One series of the chart.
    package struct Series {
        fileprivate let handle: UnsafeMutablePointer<lxw_chart_series>

        /// Each point's value written on it.
        package func showValues() { chart_series_set_labels(handle) }

        /// The series is named by the cell at `row`, `column` of `sheet` (its header).
        package func setName(from sheet: XLSXSheet, row: Int, column: Int) {
            sheet.name.withCString { chart_series_set_name_range(handle, $0, lxw_row_t(row), lxw_col_t(column)) }
        }

        /// The series' bars filled with `color` (0xRRGGBB).
        package func setFill(_ color: UInt32) {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(handle, &fill)
        }

        /// A line drawn in `color` (0xRRGGBB), its markers filled and edged in it.
        package func setLineColour(_ color: UInt32) {
            var line = lxw_chart_line()
            line.color = lxw_color_t(color)
            line.width = 2.25
            chart_series_set_line(handle, &line)
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_marker_fill(handle, &fill)
            var edge = lxw_chart_line()
            edge.color = lxw_color_t(color)
            chart_series_set_marker_line(handle, &edge)
        }

        /// A line's points marked, each series with a marker of its own.
        package func setAutomaticMarkers() { chart_series_set_marker_type(handle, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue)) }
    }

    /// One axis of the chart.
    package struct Axis {
        fileprivate let handle: UnsafeMutablePointer<lxw_chart_axis>

        /// From the other end: the first category on top of a bar chart.
        package func reverse() { chart_axis_set_reverse(handle) }

        /// Every `unit`-th category labelled (1: every manager's name, not every other).
        package func setIntervalUnit(_ unit: Int) { chart_axis_set_interval_unit(handle, UInt16(unit)) }

        package func setMin(_ value: Double) { chart_axis_set_min(handle, value) }

        package func setMax(_ value: Double) { chart_axis_set_max(handle, value) }

        /// The number format of the axis' labels (`0%`, `#,##0`).
        package func setNumberFormat(_ format: String) { format.withCString { chart_axis_set_num_format(handle, $0) } }
    }

    package unowned let workbook: XLSXWorkbook
    package let kind: Kind
    package let handle: UnsafeMutablePointer<lxw_chart>

    package init(workbook: XLSXWorkbook, kind: Kind, handle: UnsafeMutablePointer<lxw_chart>) {
        self.workbook = workbook
        self.kind = kind
        self.handle = handle
    }

    /// A series over `values` of `sheet`, each value under its category in `categories`.
    package func addSeries(on sheet: XLSXSheet, categories: Cells, values: Cells) throws -> Series {
        guard let series = chart_add_series(handle, nil, nil) else {
            throw WorkbookError.write(path: workbook.path, call: "chart_add_series", message: "cannot add a series")
        }
        sheet.name.withCString { name in
            chart_series_set_categories(series, name, lxw_row_t(categories.rows.lowerBound), lxw_col_t(categories.columns.lowerBound),
                                        lxw_row_t(categories.rows.upperBound), lxw_col_t(categories.columns.upperBound))
            chart_series_set_values(series, name, lxw_row_t(values.rows.lowerBound), lxw_col_t(values.columns.lowerBound),
                                    lxw_row_t(values.rows.upperBound), lxw_col_t(values.columns.upperBound))
        }
        return Series(handle: series)
    }

    package func setTitle(_ title: String) { title.withCString { chart_title_set_name(handle, $0) } }

    package func setLegend(_ legend: Legend) { chart_legend_set_position(handle, legend.position) }

    /// The axis of the categories: y in a bar chart, else x.
    package var categoryAxis: Axis? { (kind.isHorizontal ? handle.pointee.y_axis : handle.pointee.x_axis).map(Axis.init) }

    /// The axis of the values: x in a bar chart, else y.
    package var valueAxis: Axis? { (kind.isHorizontal ? handle.pointee.x_axis : handle.pointee.y_axis).map(Axis.init) }
}
