-- LIS (检验信息系统) database for the medops lab: schema and deterministic generated data.
-- Loaded by mariadb.sh into database `lis`. Rows come from MariaDB's SEQUENCE engine
-- (seq_1_to_N tables), so the same rows appear on every load; no files needed.
-- schema_version: 2026.1

SET NAMES utf8mb4;

CREATE TABLE instruments (
    id            INT PRIMARY KEY,
    code          VARCHAR(16) NOT NULL UNIQUE,
    name          VARCHAR(64) NOT NULL,          -- 仪器名称
    model         VARCHAR(64) NOT NULL,
    section       VARCHAR(32) NOT NULL,          -- 专业组: 生化 / 免疫 / 血液 / 微生物 / 尿液
    interface     VARCHAR(16) NOT NULL,          -- ASTM / HL7
    installed_on  DATE NOT NULL,
    status        VARCHAR(16) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE test_items (
    id        INT PRIMARY KEY,
    code      VARCHAR(16) NOT NULL UNIQUE,
    name      VARCHAR(64) NOT NULL,              -- 检验项目
    unit      VARCHAR(16) NOT NULL,
    ref_low   DECIMAL(10,2) NOT NULL,
    ref_high  DECIMAL(10,2) NOT NULL,
    section   VARCHAR(32) NOT NULL,
    instrument_id INT NOT NULL,
    FOREIGN KEY (instrument_id) REFERENCES instruments (id)
) ENGINE=InnoDB;

CREATE TABLE lab_orders (
    id            INT PRIMARY KEY,
    order_no      VARCHAR(20) NOT NULL UNIQUE,   -- 检验申请单号
    his_visit_no  VARCHAR(24) NOT NULL,          -- HIS 就诊号
    patient_mrn   VARCHAR(16) NOT NULL,
    patient_name  VARCHAR(32) NOT NULL,
    department    VARCHAR(32) NOT NULL,          -- 申请科室
    priority      VARCHAR(8) NOT NULL,           -- 常规 / 急诊
    ordered_at    DATETIME NOT NULL,
    status        VARCHAR(16) NOT NULL,
    KEY ix_orders_time (ordered_at),
    KEY ix_orders_mrn (patient_mrn)
) ENGINE=InnoDB;

CREATE TABLE specimens (
    id            INT PRIMARY KEY,
    barcode       VARCHAR(20) NOT NULL UNIQUE,   -- 条码
    order_id      INT NOT NULL,
    specimen_type VARCHAR(16) NOT NULL,          -- 血清 / 全血 / 尿液 / 痰
    collected_at  DATETIME NOT NULL,
    received_at   DATETIME NOT NULL,
    status        VARCHAR(16) NOT NULL,          -- 已签收 / 已检测 / 已审核
    FOREIGN KEY (order_id) REFERENCES lab_orders (id),
    KEY ix_specimens_order (order_id)
) ENGINE=InnoDB;

CREATE TABLE results (
    id            INT PRIMARY KEY,
    specimen_id   INT NOT NULL,
    item_id       INT NOT NULL,
    instrument_id INT NOT NULL,
    value         DECIMAL(10,2) NOT NULL,
    flag          CHAR(1) NOT NULL,              -- N / H / L
    verified_by   VARCHAR(32) NOT NULL,          -- 审核人
    reported_at   DATETIME NOT NULL,
    FOREIGN KEY (specimen_id) REFERENCES specimens (id),
    FOREIGN KEY (item_id) REFERENCES test_items (id),
    FOREIGN KEY (instrument_id) REFERENCES instruments (id),
    KEY ix_results_specimen (specimen_id),
    KEY ix_results_time (reported_at)
) ENGINE=InnoDB;

CREATE TABLE schema_version (
    version    VARCHAR(16) PRIMARY KEY,
    loaded_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note       VARCHAR(128)
) ENGINE=InnoDB;

INSERT INTO instruments (id, code, name, model, section, interface, installed_on, status)
SELECT seq,
       CONCAT('INST', LPAD(seq, 3, '0')),
       ELT(seq, '全自动生化分析仪1', '全自动生化分析仪2', '化学发光免疫分析仪', '血细胞分析仪1',
           '血细胞分析仪2', '尿液分析仪', '血凝分析仪', '微生物鉴定仪', '糖化血红蛋白分析仪',
           '血气分析仪', '电解质分析仪', '特定蛋白分析仪'),
       ELT(seq, 'Roche cobas c702', 'Roche cobas c702', 'Roche cobas e801', 'Sysmex XN-9000',
           'Sysmex XN-1000', 'Sysmex UF-5000', 'Sysmex CS-5100', 'bioMerieux VITEK 2',
           'Bio-Rad D-10', 'Radiometer ABL90', 'Roche 9180', 'Siemens BN II'),
       ELT(seq, '生化', '生化', '免疫', '血液', '血液', '尿液', '血液', '微生物', '生化', '急诊',
           '急诊', '免疫'),
       IF(seq % 3 = 0, 'HL7', 'ASTM'),
       DATE_ADD('2016-03-01', INTERVAL seq * 97 DAY),
       '在用'
FROM seq_1_to_12;

INSERT INTO test_items (id, code, name, unit, ref_low, ref_high, section, instrument_id)
SELECT seq,
       ELT(seq, 'ALT', 'AST', 'TBIL', 'CREA', 'UREA', 'GLU', 'TC', 'TG', 'K', 'NA',
           'WBC', 'RBC', 'HGB', 'PLT', 'PT', 'APTT', 'TSH', 'FT4', 'CEA', 'HBA1C'),
       ELT(seq, '谷丙转氨酶', '谷草转氨酶', '总胆红素', '肌酐', '尿素', '葡萄糖', '总胆固醇',
           '甘油三酯', '钾', '钠', '白细胞计数', '红细胞计数', '血红蛋白', '血小板计数',
           '凝血酶原时间', '活化部分凝血活酶时间', '促甲状腺激素', '游离甲状腺素', '癌胚抗原',
           '糖化血红蛋白'),
       ELT(seq, 'U/L', 'U/L', 'umol/L', 'umol/L', 'mmol/L', 'mmol/L', 'mmol/L', 'mmol/L',
           'mmol/L', 'mmol/L', '10^9/L', '10^12/L', 'g/L', '10^9/L', 's', 's', 'mIU/L',
           'pmol/L', 'ng/mL', '%'),
       ELT(seq, 7, 13, 3.4, 41, 2.9, 3.9, 0, 0, 3.5, 137, 3.5, 4.3, 115, 125, 9.4, 25.1,
           0.27, 12, 0, 4),
       ELT(seq, 40, 35, 20.5, 111, 8.2, 6.1, 5.2, 1.7, 5.3, 147, 9.5, 5.8, 150, 350, 12.5,
           36.5, 4.2, 22, 5, 6),
       ELT(seq, '生化', '生化', '生化', '生化', '生化', '生化', '生化', '生化', '生化', '生化',
           '血液', '血液', '血液', '血液', '血液', '血液', '免疫', '免疫', '免疫', '生化'),
       ELT(seq, 1, 1, 1, 2, 2, 2, 1, 1, 11, 11, 4, 4, 5, 5, 7, 7, 3, 3, 3, 9)
FROM seq_1_to_20;

INSERT INTO lab_orders (id, order_no, his_visit_no, patient_mrn, patient_name, department, priority, ordered_at, status)
SELECT seq,
       CONCAT('LO', LPAD(seq, 9, '0')),
       CONCAT('V', DATE_FORMAT(t, '%Y%m%d'), LPAD((seq * 7) % 20000 + 1, 6, '0')),
       CONCAT('MRN', LPAD((seq * 13) % 5000 + 1, 8, '0')),
       CONCAT(ELT((seq * 7) % 20 + 1, '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周',
                  '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'),
              ELT((seq * 11) % 20 + 1, '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军',
                  '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '建华', '桂英')),
       ELT(seq % 10 + 1, '心血管内科', '呼吸内科', '消化内科', '内分泌科', '肾内科', '急诊科',
           '普通外科', '儿科', '妇产科', '体检中心'),
       IF(seq % 8 = 0, '急诊', '常规'),
       t,
       IF(seq % 50 = 0, '已退单', '已完成')
FROM (SELECT seq, DATE_ADD('2026-05-01 07:00:00', INTERVAL (seq * 7) % 180 DAY)
             + INTERVAL (seq * 37) % 660 MINUTE AS t FROM seq_1_to_20000) AS o;

INSERT INTO specimens (id, barcode, order_id, specimen_type, collected_at, received_at, status)
SELECT o.id,
       CONCAT('B', DATE_FORMAT(o.ordered_at, '%y%m%d'), LPAD(o.id, 7, '0')),
       o.id,
       ELT(o.id % 4 + 1, '血清', '全血', '尿液', '血浆'),
       o.ordered_at + INTERVAL 10 + o.id % 30 MINUTE,
       o.ordered_at + INTERVAL 40 + o.id % 50 MINUTE,
       IF(o.status = '已退单', '已拒收', '已审核')
FROM lab_orders o;

INSERT INTO results (id, specimen_id, item_id, instrument_id, value, flag, verified_by, reported_at)
SELECT b.id, b.specimen_id, b.item_id, b.instrument_id, b.val,
       IF(b.val > b.ref_high, 'H', IF(b.val < b.ref_low, 'L', 'N')),
       ELT(b.id % 6 + 1, '陈静', '王磊', '李娜', '张伟', '刘芳', '赵敏'),
       b.received_at + INTERVAL 30 + b.id % 90 MINUTE
FROM (SELECT (s.id - 1) * 3 + k.seq AS id, s.id AS specimen_id, s.received_at,
             ti.id AS item_id, ti.instrument_id, ti.ref_low, ti.ref_high,
             ROUND(ti.ref_low - (ti.ref_high - ti.ref_low) * 0.1
                   + (ti.ref_high - ti.ref_low) * 1.25 * (((s.id * 7919 + k.seq * 104729) % 1000) / 1000), 2) AS val
      FROM specimens s
      CROSS JOIN seq_1_to_3 k
      JOIN test_items ti ON ti.id = (s.id * 3 + k.seq * 7) % 20 + 1
      WHERE s.status = '已审核') AS b;

INSERT INTO schema_version (version, note) VALUES ('2026.1', 'medops lab generated LIS data');
